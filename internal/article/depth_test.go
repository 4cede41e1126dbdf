package article

import (
	"strings"
	"testing"
)

func TestNestingDepth(t *testing.T) {
	tests := []struct {
		name string
		html string
		want int
	}{
		{"flat", `<p>a</p><p>b</p>`, 0},
		{"nested divs", `<div><div><span>x</span></div></div>`, 3},
		{"void and self-closing", `<div><br><img src=x><svg><path d="M0"/><path/></svg></div>`, 2},
		{"unclosed p, li and a", strings.Repeat(`<p><li><a href="#">x`, 50), 0},
		{"comments", `<div><!-- <div><div> --></div>`, 1},
		{"script text", `<div><script>if (a<b) { document.write("<div><div><div>") }</script></div>`, 1},
		{"script end tag in other case", `<div><SCRIPT>x="<div>"</Script><span></span></div>`, 2},
		{"quoted attribute with markup", `<div data-x="<div><div>" title='a>b'><span></span></div>`, 2},
		{"upper-case tags", `<DIV><Section></section></DIV>`, 2},
		{"deep", strings.Repeat("<div>", 600) + strings.Repeat("</div>", 600), MaxDepth + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nestingDepth(tt.html); got != tt.want {
				t.Errorf("nestingDepth = %d, want %d", got, tt.want)
			}
		})
	}
}
