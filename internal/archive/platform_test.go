package archive

import "testing"

func TestPostRefKey(t *testing.T) {
	tests := []struct {
		name string
		ref  PostRef
		want string
	}{
		{"tweet", PostRef{Twitter, "1196540095848996871", "https://x.com/a/status/1196540095848996871"}, "twitter:1196540095848996871"},
		{"telegram qualified by channel", PostRef{Telegram, "43", "https://t.me/durov/43"}, "telegram:durov/43"},
		{"telegram, other channel, same number", PostRef{Telegram, "43", "https://t.me/harbournews/43"}, "telegram:harbournews/43"},
		{"telegram without canonical URL", PostRef{Telegram, "43", ""}, "telegram:43"},
		{"telegram URL naming another message", PostRef{Telegram, "43", "https://t.me/durov/44"}, "telegram:43"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ref.Key(); got != tt.want {
				t.Errorf("Key() = %q, want %q", got, tt.want)
			}
		})
	}
}
