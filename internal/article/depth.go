package article

import "strings"

// impliedEnd lists elements whose end tag pages routinely leave out, or
// that the parser closes itself when the next one opens (<a> inside <a>);
// they do not count towards nesting.
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

// rawText elements hold text up to their end tag, not markup. (<noscript>
// is not one: the document is parsed with scripting disabled.)
var rawText = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true,
}

// nestingDepth estimates the deepest element nesting of an HTML text in
// one linear, allocation-free pass over its tags, stopping once it is over
// MaxDepth. It follows the tokenizer's rules closely enough for a guard:
// comments, quoted attribute values, raw-text elements, self-closing and
// void tags do not nest.
func nestingDepth(s string) int {
	d, _ := nesting(s)
	return d
}

// Nesting returns how deeply markup s nests and the parser work it implies
// (see MaxWork), stopping early past MaxDepth or MaxWork. Callers that
// parse markup found inside an article (an escaped embed code) check it
// against the same caps.
func Nesting(s string) (depth, work int) { return nesting(s) }

// nesting returns the deepest nesting and the parser work the markup
// implies: the sum, over tags, of the depth each opens or closes at (the
// HTML parser's scope checks walk the stack of open elements). It stops
// early once either is over its cap.
func nesting(s string) (deepest, work int) {
	depth := 0
	i, n := 0, len(s)
	for i < n {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= n {
			break
		}
		i += j + 1
		c := s[i]
		switch {
		case c == '!' || c == '?':
			if strings.HasPrefix(s[i:], "!--") {
				k := strings.Index(s[i+3:], "-->")
				if k < 0 {
					return deepest, work
				}
				i += 3 + k + 3
				continue
			}
			k := strings.IndexByte(s[i:], '>')
			if k < 0 {
				return deepest, work
			}
			i += k + 1
		case c == '/':
			name, end := tagName(s, i+1)
			if name == "" {
				k := strings.IndexByte(s[i:], '>')
				if k < 0 {
					return deepest, work
				}
				i += k + 1
				continue
			}
			i = skipTag(s, end)
			work += depth
			if depth > 0 && !voidElements[name] && !impliedEnd[name] {
				depth--
			}
		case isASCIILetter(c):
			name, end := tagName(s, i)
			var selfClosing bool
			i, selfClosing = skipTagClosing(s, end)
			if name == "plaintext" {
				return deepest, work
			}
			if rawText[name] {
				i = skipRawText(s, i, name)
				continue
			}
			work += depth
			if work > MaxWork {
				return deepest, work
			}
			if selfClosing || voidElements[name] || impliedEnd[name] {
				continue
			}
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > MaxDepth {
					return deepest, work
				}
			}
		}
	}
	return deepest, work
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// tagName reads a tag name at s[i:], lower-cased (without allocating for
// the common all-lower-case names), and returns it with the index after it.
func tagName(s string, i int) (string, int) {
	start := i
	lower := true
	for i < len(s) {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if c >= 'A' && c <= 'Z' {
			lower = false
		}
		i++
	}
	name := s[start:i]
	if !lower {
		name = strings.ToLower(name)
	}
	return name, i
}

func skipTag(s string, i int) int {
	i, _ = skipTagClosing(s, i)
	return i
}

// skipTagClosing moves past a tag's attributes, honouring quoted values,
// and reports whether the tag ended with "/>".
func skipTagClosing(s string, i int) (int, bool) {
	var prev byte
	for i < len(s) {
		c := s[i]
		switch c {
		case '>':
			return i + 1, prev == '/'
		case '"', '\'':
			// A quote opens a value only after "=" (with optional space);
			// elsewhere it is part of a name and skipped like any byte.
			if prev == '=' {
				k := strings.IndexByte(s[i+1:], c)
				if k < 0 {
					return len(s), false
				}
				i += k + 2
				prev = c
				continue
			}
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			prev = c
		}
		i++
	}
	return len(s), false
}

// skipRawText moves past the text of a raw-text element to its end tag.
func skipRawText(s string, i int, name string) int {
	for i < len(s) {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return len(s)
		}
		i += k + 2
		if len(s)-i >= len(name) && strings.EqualFold(s[i:i+len(name)], name) {
			return skipTag(s, i+len(name))
		}
	}
	return len(s)
}
