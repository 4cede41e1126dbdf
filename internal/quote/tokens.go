package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota
	tPunct         // one punctuation mark, a dash, an ellipsis
	tQuote         // a whole quotation (see span)
)

// token is one word, punctuation mark or whole quotation of the body, with
// rune offsets [s, e).
type token struct {
	s, e  int
	kind  tokKind
	text  string
	lower string
	para  int
	// abbr: a word ending in an abbreviation's period (Mr., U.S., E.).
	abbr bool
	// q indexes the spans slice for tQuote tokens.
	q int
}

func (t token) isWord() bool { return t.kind == tWord }

func (t token) capitalized() bool {
	if t.kind != tWord {
		return false
	}
	for _, r := range t.text {
		return unicode.IsUpper(r)
	}
	return false
}

func (t token) is(words ...string) bool {
	for _, w := range words {
		if t.lower == w {
			return true
		}
	}
	return false
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "lt": true, "col": true, "sgt": true, "capt": true, "jr": true,
	"sr": true, "prof": true, "rev": true, "inc": true, "co": true, "corp": true, "ltd": true,
	"no": true, "vs": true, "jan": true, "feb": true, "apr": true, "aug": true, "sept": true,
	"sep": true, "oct": true, "nov": true, "dec": true, "ft": true, "mt": true, "pres": true,
	"supt": true, "det": true, "adm": true, "cmdr": true, "atty": true, "hon": true,
	"messrs": true, "mme": true, "mlle": true, "sra": true, "sr.a": true, "gob": true,
	"presb": true, "ave": true, "blvd": true, "cf": true, "etc": true, "approx": true,
	// titles and US states as news copy abbreviates them (Del. Marcia
	// Price; Los Angeles, Calif.)
	"del": true, "maj": true, "brig": true, "cpl": true, "pvt": true, "msgr": true, "fr": true,
	"esq": true, "dept": true, "assn": true, "ala": true, "ariz": true, "ark": true, "calif": true,
	"colo": true, "conn": true, "fla": true, "kan": true, "kans": true, "ky": true, "md": true,
	"mich": true, "minn": true, "mont": true, "neb": true, "nev": true, "okla": true, "tenn": true,
	"tex": true, "vt": true, "wis": true, "wyo": true,
}

// tokenize splits rs into tokens; each quotation in spans becomes a single
// tQuote token.
func tokenize(rs, orig []rune, src string, spans []span) []token {
	// boff maps rune offsets to byte offsets in src (whose runes are orig;
	// rs is the analysis copy), so token texts are slices of src rather
	// than new strings.
	boff := make([]int32, len(rs)+1)
	bi := 0
	for i, r := range orig {
		boff[i] = int32(bi)
		bi += utf8.RuneLen(r)
	}
	boff[len(rs)] = int32(bi)
	str := func(i, j int) string { return src[boff[i]:boff[j]] }
	// lowered interns the lower-case forms of capitalised words, which
	// repeat (Trump, Clinton, The).
	lowered := map[string]string{}
	lower := func(i, j int, text string) string {
		for _, r := range rs[i:j] {
			if unicode.IsUpper(r) {
				l, ok := lowered[text]
				if !ok {
					l = strings.ToLower(text)
					lowered[text] = l
				}
				return l
			}
		}
		return text
	}
	toks := make([]token, 0, len(rs)/5)
	para := 0
	si := 0
	i := 0
	for i < len(rs) {
		r := rs[i]
		if si < len(spans) && i == spans[si].open {
			sp := spans[si]
			// A quotation over several paragraphs belongs to the one it
			// ends in, where its attribution is.
			for k := sp.open; k <= sp.close; k++ {
				if rs[k] == '\n' && (k == 0 || rs[k-1] != '\n') {
					para++
				}
			}
			toks = append(toks, token{s: sp.open, e: sp.close + 1, kind: tQuote, para: para, q: si})
			i = sp.close + 1
			si++
			continue
		}
		if r == '\n' {
			// blank lines between paragraphs make one break
			if len(toks) > 0 && toks[len(toks)-1].para == para {
				para++
			}
			i++
			continue
		}
		if isSpaceRune(r) || isQuoteMark(r) {
			// a mark that pairs with nothing (Marcia "Cia" Price) is no
			// token
			i++
			continue
		}
		if isWordRune(r) {
			j := i + 1
			for j < len(rs) {
				c := rs[j]
				if isWordRune(c) || unicode.Is(unicode.Mn, c) || (unicode.IsControl(c) && c != '\n' && c != '\t' && c != '\r') {
					j++
					continue
				}
				if (c == '\'' || c == '’' || c == '-' || c == '‐' || c == '.' || c == '&' || c == '/') && isWordRune(at(rs, j+1)) {
					if c == '.' && !unicode.IsUpper(at(rs, j+1)) && !unicode.IsDigit(at(rs, j+1)) && !unicode.IsLower(at(rs, j-1)) {
						break
					}
					if c == '.' && unicode.IsLower(at(rs, j+1)) {
						break
					}
					j += 2
					continue
				}
				break
			}
			text := str(i, j)
			t := token{s: i, e: j, kind: tWord, text: text, lower: lower(i, j, text), para: para}
			abbr := false
			if at(rs, j) == '.' && (at(rs, j+1) == ')' || at(rs, j+1) == ',') {
				// (D-Wis.) ends no sentence.
				abbr = true
			} else if at(rs, j) == '.' {
				abbr = abbreviations[t.lower] || strings.Contains(text, ".") || (j-i == 1 && unicode.IsUpper(rs[i]))
			}
			if abbr {
				t.abbr = true
				t.e = j + 1
				t.text = str(i, j+1)
				t.lower = lower(i, j+1, t.text)
				j++
			}
			toks = append(toks, t)
			i = j
			continue
		}
		// punctuation: runs of dashes or dots form one token.
		j := i + 1
		if r == '-' || r == '.' {
			for j < len(rs) && rs[j] == r {
				j++
			}
		}
		text := str(i, j)
		toks = append(toks, token{s: i, e: j, kind: tPunct, text: text, lower: text, para: para})
		i = j
	}
	return toks
}

// isTerminal reports whether a punctuation token ends a sentence.
func isTerminal(t token) bool {
	if t.kind != tPunct {
		return false
	}
	switch t.text {
	case ".", "!", "?", "…", "...", ";":
		return true
	}
	return false
}

func isDash(t token) bool {
	if t.kind != tPunct {
		return false
	}
	switch t.text {
	case "—", "―", "–", "--", "-", "−":
		return true
	}
	return false
}

// quoteEndsSentence reports whether a quotation's own text ends with
// sentence-final punctuation (“It is over.”).
func quoteEndsSentence(rs []rune, sp span) bool {
	for j := sp.close; j > sp.open; j-- {
		r := rs[j]
		if isQuoteMark(r) || isSpaceRune(r) || r == ')' {
			continue
		}
		return r == '.' || r == '!' || r == '?' || r == '…'
	}
	return false
}

// sentenceStarts marks, for each token, whether a sentence starts at it.
func sentenceStarts(rs []rune, toks []token, spans []span) []bool {
	st := make([]bool, len(toks))
	for i := range toks {
		if i == 0 || toks[i].para != toks[i-1].para {
			st[i] = true
			continue
		}
		p := toks[i-1]
		if isTerminal(p) && !p.abbr {
			st[i] = true
			continue
		}
		if p.abbr && (toks[i].kind == tQuote || (toks[i].capitalized() && !isTitleWord(toks[i].lower) && !p.isTitleAbbr())) && p.endsSentenceAbbr() {
			st[i] = true
			continue
		}
		if p.kind == tQuote && quoteEndsSentence(rs, spans[p.q]) &&
			(toks[i].kind == tQuote || toks[i].capitalized()) && !isCue(toks[i].lower) {
			// “It is over.” Trump said. keeps "Trump said" with its quote
			// for the right-hand search; a new sentence starts here for
			// the left-hand one, unless a cue follows directly.
			st[i] = true
		}
	}
	return st
}

// isTitleAbbr: an abbreviation that precedes a name (Mr., Sen.).
func (t token) isTitleAbbr() bool {
	return isTitleWord(strings.TrimSuffix(t.lower, "."))
}

// endsSentenceAbbr: an abbreviation that may also end a sentence (U.S., Inc.).
func (t token) endsSentenceAbbr() bool {
	if !t.abbr {
		return false
	}
	l := strings.TrimSuffix(t.lower, ".")
	return strings.Contains(l, ".") || l == "inc" || l == "co" || l == "corp" || l == "ltd" || l == "etc" || l == "jr" || l == "sr"
}
