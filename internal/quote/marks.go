package quote

import "unicode"

// span is one quotation found by its marks: open and close index the
// opening and closing marks in the rune slice (close is the last rune of the
// quote, a mark or, for a quote left open, the paragraph's last rune).
type span struct {
	open, close int
	// single: opened by a single mark (‘ ‚ ‹ ').
	single bool
}

// closersFor says which marks may close a quote opened by r.
func closersFor(r rune) string {
	switch r {
	case '“', '”', '"', '〝':
		return "”\"“〞〟"
	case '„':
		return "“”\""
	case '«':
		return "»"
	case '»':
		return "«"
	case '「':
		return "」"
	case '『':
		return "』"
	case '‘', '\'', '’':
		return "’'‘"
	case '‚':
		return "‘’'"
	case '‹':
		return "›"
	case '›':
		return "‹"
	}
	return ""
}

func isDoubleMark(r rune) bool {
	switch r {
	case '“', '”', '"', '„', '«', '»', '「', '」', '『', '』', '〝', '〞', '〟':
		return true
	}
	return false
}

func isSingleMark(r rune) bool {
	switch r {
	case '‘', '’', '\'', '‚', '‹', '›':
		return true
	}
	return false
}

func isQuoteMark(r rune) bool { return isDoubleMark(r) || isSingleMark(r) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) || r == 0 || r == filler }

// filler stands in the analysis copy of the text for marks that are not
// quotation marks: the doubled apostrophes and backticks of old wire copy
// (”so”), which the gold annotations this package is measured on do not
// count as quotation marks either.
const filler = '\u2060'

// normalizeMarks returns a copy of rs in which ” and “ are inert, so
// offsets stay those of the original text.
func normalizeMarks(rs []rune) []rune {
	var out []rune
	for i := 0; i+1 < len(rs); i++ {
		if (rs[i] == '\'' && rs[i+1] == '\'') || (rs[i] == '`' && rs[i+1] == '`') {
			if out == nil {
				out = append([]rune(nil), rs...)
			}
			out[i], out[i+1] = filler, filler
			i++
		}
	}
	if out == nil {
		return rs
	}
	return out
}

// isOpenContext: the rune before an opening mark.
func isOpenContext(r rune) bool {
	if isSpaceRune(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '—', '–', '―', '-', '/', ':', '…':
		return true
	}
	return isQuoteMark(r)
}

// looksOpening reports whether the mark at i reads as an opening mark.
func looksOpening(rs []rune, i int) bool {
	prev, next := at(rs, i-1), at(rs, i+1)
	m := rs[i]
	switch m {
	case '„', '«', '‚', '‹', '「', '『', '〝':
		// These marks only ever open (French guillemets take a space).
		return next != 0 && next != '\n'
	case '»', '›':
		// German »x« opens with », French x» closes with it.
		return isOpenContext(prev) && next != 0 && !isSpaceRune(next)
	}
	if !isOpenContext(prev) {
		return false
	}
	if next == 0 || isSpaceRune(next) {
		return false
	}
	if isSingleMark(m) && !isWordRune(next) && !isQuoteMark(next) {
		return false
	}
	if m == '’' || m == '\'' {
		// ’90s, 'em, 'til: elisions, not quotes.
		if unicode.IsDigit(next) {
			return false
		}
	}
	return true
}

// looksClosing reports whether the mark at i reads as a closing mark.
func looksClosing(rs []rune, i int) bool {
	prev, next := at(rs, i-1), at(rs, i+1)
	m := rs[i]
	switch m {
	case '»', '«', '›', '‹', '」', '』', '〞', '〟':
		return true
	}
	if isSingleMark(m) {
		// An apostrophe inside a word (don’t, O'Neill) never closes.
		if isWordRune(prev) && isWordRune(next) {
			return false
		}
		return !isSpaceRune(prev) && !isWordRune(next)
	}
	if isSpaceRune(prev) && isWordRune(next) {
		return false
	}
	return !isWordRune(next) || !isSpaceRune(prev)
}

func at(rs []rune, i int) rune {
	if i < 0 || i >= len(rs) {
		return 0
	}
	return rs[i]
}

// nextParaStart returns the index of the first non-space rune after the
// newline at i, skipping blank paragraphs, or -1.
func nextParaStart(rs []rune, i int) int {
	for ; i < len(rs); i++ {
		if !isSpaceRune(rs[i]) {
			return i
		}
	}
	return -1
}

// lastNonSpace returns the index of the last non-space rune in [from, to),
// or from-1.
func lastNonSpace(rs []rune, from, to int) int {
	for j := to - 1; j >= from; j-- {
		if !isSpaceRune(rs[j]) {
			return j
		}
	}
	return from - 1
}

// findSpans finds the top-level quotations in rs. Double marks pair across
// paragraphs when a paragraph ends inside a quote and the next opens with a
// mark (the newspaper convention); otherwise a quote left open ends with its
// paragraph. Single marks make a top-level quote only within a paragraph and
// only when they pair; inside a double quote they are nested and ignored.
// It runs in time linear in len(rs), whatever the marks.
func findSpans(rs []rune) []span {
	sc := &markScanner{rs: rs, memoOpener: -1}
	var out []span
	i := 0
	for i < len(rs) {
		r := rs[i]
		if !isQuoteMark(r) || !looksOpening(rs, i) {
			i++
			continue
		}
		if isSingleMark(r) {
			if c := sc.closeSingle(i); c > 0 {
				out = append(out, span{open: i, close: c, single: true})
				i = c + 1
			} else {
				i++
			}
			continue
		}
		c, next := sc.closeDouble(i)
		if c > i && !isNickname(rs, i, c) {
			out = append(out, span{open: i, close: c})
		}
		i = next
	}
	return out
}

// markScanner pairs marks. It remembers what it learnt of the text so that
// no stretch is scanned over and over.
type markScanner struct {
	rs []rune
	// nextEvent[i] is the first index >= i holding a newline, a double
	// mark or a single mark that reads as closing (len(rs) if none);
	// built on first use.
	nextEvent []int32
	// memo: no closing mark for memoOpener in [memoFrom, memoEnd), where
	// memoEnd is a newline or the end of the text.
	memoOpener        rune
	memoFrom, memoEnd int
}

// maxSingle bounds the length of a single-mark quotation.
const maxSingle = 2000

func (sc *markScanner) events() []int32 {
	if sc.nextEvent == nil {
		rs := sc.rs
		ev := make([]int32, len(rs)+1)
		ev[len(rs)] = int32(len(rs))
		for i := len(rs) - 1; i >= 0; i-- {
			r := rs[i]
			if r == '\n' || isDoubleMark(r) || isSingleMark(r) && looksClosing(rs, i) {
				ev[i] = int32(i)
			} else {
				ev[i] = ev[i+1]
			}
		}
		sc.nextEvent = ev
	}
	return sc.nextEvent
}

// closeSingle finds the closing mark of a single-mark quote opened at o,
// within its paragraph, or returns -1.
func (sc *markScanner) closeSingle(o int) int {
	rs := sc.rs
	ev := sc.events()
	closers := closersFor(rs[o])
	for j, n := int(ev[o+1]), 0; j < len(rs) && j-o < maxSingle && n < 64; j, n = int(ev[j+1]), n+1 {
		r := rs[j]
		if r == '\n' || isDoubleMark(r) {
			return -1
		}
		if containsRune(closers, r) {
			if j-o < 2 {
				return -1
			}
			return j
		}
	}
	return -1
}

// closeDouble finds the close of a double-mark quote opened at o. It returns
// the index of the quote's last rune and where scanning resumes.
func (sc *markScanner) closeDouble(o int) (closeAt, resume int) {
	rs := sc.rs
	closers := closersFor(rs[o])
	opener := rs[o]
	j := o + 1
	for j < len(rs) {
		if opener == sc.memoOpener && j >= sc.memoFrom && j < sc.memoEnd {
			j = sc.memoEnd // known: nothing closes before there
			if j >= len(rs) {
				break
			}
		}
		r := rs[j]
		if r == '\n' {
			// The paragraph ends inside the quote: it goes on when the
			// next paragraph opens with a mark of the same family.
			n := nextParaStart(rs, j)
			if n >= 0 && isDoubleMark(rs[n]) && looksOpening(rs, n) && continues(rs, o, n) {
				j = n + 1
				continue
			}
			last := lastNonSpace(rs, o+1, j)
			return last, j
		}
		if isQuoteMark(r) && containsRune(closers, r) {
			// A straight or curly mark that reads as opening (space before,
			// word after) inside an open quote starts a nested quote when
			// the opener was curly; for sloppy straight marks it means the
			// last quote was never closed.
			if looksClosing(rs, j) {
				return j, j + 1
			}
			if r == opener && r != '"' {
				// nested same-mark quote: skip to its close.
				k := j + 1
				for k < len(rs) && rs[k] != '\n' && !(isQuoteMark(rs[k]) && containsRune(closers, rs[k]) && looksClosing(rs, k)) {
					k++
				}
				if k < len(rs) && rs[k] != '\n' {
					j = k + 1
					continue
				}
				sc.memoOpener, sc.memoFrom, sc.memoEnd = opener, j, k
			}
			last := lastNonSpace(rs, o+1, j)
			return last, j
		}
		j++
	}
	return lastNonSpace(rs, o+1, len(rs)), len(rs)
}

// continues reports whether the quote opened at o, still open at the end of
// its paragraph, goes on at the mark at n of the next paragraph: the mark
// belongs to the same family and the previous paragraph does not end with
// an attribution (a paragraph ending in a bare sentence inside the quote).
func continues(rs []rune, o, n int) bool {
	return rs[o] == rs[n] || (rs[o] == '“' || rs[o] == '”') && (rs[n] == '“' || rs[n] == '”')
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// isNickname: one capitalised word in marks between two capitalised words
// (Marcia "Cia" Price) is part of a name, not a quotation.
func isNickname(rs []rune, o, c int) bool {
	if c-o < 3 || at(rs, o-1) != ' ' || at(rs, c+1) != ' ' || !unicode.IsUpper(at(rs, o+1)) || !unicode.IsUpper(at(rs, c+2)) {
		return false
	}
	for j := o + 1; j < c; j++ {
		if !isWordRune(rs[j]) && rs[j] != '.' && rs[j] != '-' {
			return false
		}
	}
	return unicode.IsUpper(at(rs, o-2)) || isWordRune(at(rs, o-2)) && unicode.IsUpper(firstOfWord(rs, o-2))
}

// firstOfWord returns the first rune of the word ending at i.
func firstOfWord(rs []rune, i int) rune {
	for i > 0 && isWordRune(rs[i-1]) {
		i--
	}
	return at(rs, i)
}
