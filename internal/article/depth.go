package article

import (
	"strings"

	"golang.org/x/net/html"
)

// impliedEnd lists elements whose end tag pages routinely leave out; the
// parser closes them itself, so they do not count towards nesting.
var impliedEnd = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "option": true, "optgroup": true,
	"tr": true, "td": true, "th": true, "thead": true, "tbody": true, "tfoot": true,
	"rb": true, "rt": true, "rtc": true, "rp": true, "colgroup": true,
	"html": true, "head": true, "body": true, "a": true, "nobr": true,
}

// voidElements never have content.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true,
	"track": true, "wbr": true, "param": true, "keygen": true, "frame": true,
	"image": true, "basefont": true, "bgsound": true,
}

// nestingDepth estimates the deepest element nesting of an HTML text with
// one tokenizer pass (linear time), stopping early once it is over
// MaxDepth.
func nestingDepth(s string) int {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			n := string(name)
			if voidElements[n] || impliedEnd[n] {
				continue
			}
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > MaxDepth {
					return deepest
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if depth > 0 && !voidElements[n] && !impliedEnd[n] {
				depth--
			}
		}
	}
}
