package quote

import "strings"

// attribute finds the attribution of quotation qi in its own sentence:
// right after it ("...," said X / X said / — X), before it (X said: /
// According to X, / X, posting:), or later in its sentence (..., X said).
func (d *doc) attribute(qi int) attribution {
	ti := d.qtok[qi]
	ls := d.sentenceStart(ti)
	leftEmpty := ls == ti

	if leftEmpty || d.toks[ti].hasTrailingComma(d) || d.hasCommaAfter(ti) {
		if a, ok := d.rightImmediate(ti); ok {
			return a
		}
	}
	if !leftEmpty {
		if a, ok := d.leftCue(ls, ti); ok {
			return a
		}
	}
	if a, ok := d.rightLater(ti); ok {
		return a
	}
	if a, ok := d.colon(ls, ti); ok {
		return a
	}
	if a, ok := d.dashNextLine(ti); ok {
		return a
	}
	if leftEmpty && (ti == 0 || d.toks[ti-1].para != d.toks[ti].para) {
		// A paragraph that opens with a quotation after one that ends
		// "... posting:" or "Trump said:".
		if ti > 0 && d.toks[ti-1].kind == tPunct && d.toks[ti-1].text == ":" {
			pls := d.sentenceStart(ti - 1)
			if a, ok := d.leftCue(pls, ti-1); ok {
				return a
			}
			if a, ok := d.colon(pls, ti); ok {
				return a
			}
		}
	}
	return attribution{}
}

// sentenceStart returns the first token of the sentence holding token ti.
func (d *doc) sentenceStart(ti int) int { return int(d.sentOf[ti]) }

// rightEnd returns the end (exclusive) of the attribution window after
// token ti: the end of the sentence, the paragraph, or the next quote.
func (d *doc) rightEnd(ti int) int {
	k := ti + 1
	for k < len(d.toks) && k-ti < 40 {
		t := d.toks[k]
		if t.para != d.toks[ti].para || t.kind == tQuote || (isTerminal(t) && !t.abbr) {
			break
		}
		k++
	}
	return k
}

// rightImmediate: the attribution follows the quote directly: "...," said
// X; "...," X said; "...," X, the lead attorney, said; "..." — X;
// "...," according to X.
func (d *doc) rightImmediate(ti int) (attribution, bool) {
	end := d.rightEnd(ti)
	j := ti + 1
	for j < end && d.toks[j].kind == tPunct && d.toks[j].text == "," {
		j++
	}
	if j >= end {
		return attribution{}, false
	}
	if isDash(d.toks[j]) && j == ti+1 {
		if p, ok := d.npAfter(j+1, end); ok && d.toks[p.s].capitalized() {
			return attribution{who: p, cue: d.toks[j].text, found: true, cueTok: j, side: 'R'}, true
		}
		return attribution{}, false
	}
	for k := j; k < end && k-j < 14; k++ {
		t := d.toks[k]
		if !t.isWord() {
			if t.kind == tPunct && (t.text == "," || t.text == "(" || t.text == ")") {
				continue
			}
			break
		}
		if t.lower == "according" && k+1 < end && d.toks[k+1].lower == "to" {
			if k != j {
				return attribution{}, false
			}
			if p, ok := d.npAfter(k+2, end); ok {
				return attribution{who: p, cue: "according to", found: true, cueTok: k, side: 'R'}, true
			}
			return attribution{}, false
		}
		if !d.isCueAt(k) {
			continue
		}
		if k == j {
			// "said X", "asked X" invert; "told X" names the listener and
			// "adding that" is a new clause.
			if t.lower == "told" || t.lower == "tells" || participles[t.lower] || (k+1 < end && d.toks[k+1].lower == "that") {
				return attribution{}, false
			}
			if !invertible(t.lower) {
				continue // "state Del. Marcia Price shouted": a noun
			}
			if p, ok := d.npAfter(k+1, end); ok {
				return attribution{who: p, cue: d.cueText(k), found: true, cueTok: k, side: 'R'}, true
			}
			return attribution{}, false
		}
		p, ok := d.npBefore(j, k)
		if !ok {
			return attribution{}, false
		}
		if !d.attributionEnds(ti, k, end) {
			return attribution{}, false
		}
		// The phrase must open the window or follow a comma in it.
		if p.s != j && !d.onlyOpeners(j, p.s) && !(d.toks[p.s-1].kind == tPunct && d.toks[p.s-1].text == ",") {
			return attribution{}, false
		}
		if p.s != j && !d.toks[ti].hasTrailingComma(d) && !d.hasCommaAfter(ti) {
			// mid-sentence partial quote: "... “a demand” of Obama,
			// Trump says" — accepted when the cue ends the sentence.
			if !d.cueEndsClause(k, end) {
				return attribution{}, false
			}
		}
		return attribution{who: p, cue: d.cueText(k), found: true, cueTok: k, side: 'R'}, true
	}
	// "“...,” Trump simpered.": after a quote that ends in a comma, a name
	// or pronoun and a verb not in the cue list still attribute it.
	if d.toks[ti].hasTrailingComma(d) && j == ti+1 {
		if p, ok := d.npAfter(j, end); ok && p.e < end {
			v := d.toks[p.e]
			if v.isWord() && !v.capitalized() && (strings.HasSuffix(v.lower, "ed") || strings.HasSuffix(v.lower, "s")) &&
				(isPronoun(d.toks[p.s].lower) || d.toks[p.e-1].capitalized()) && (p.e+1 == end || !d.toks[p.e+1].isWord() || end-p.e <= 4) {
				return attribution{who: p, cue: v.text, found: true, cueTok: p.e, side: 'R'}, true
			}
		}
	}
	return attribution{}, false
}

// hasTrailingComma: the quotation ends with a comma inside its marks
// (“It is over,” he said).
func (t token) hasTrailingComma(d *doc) bool {
	sp := d.spans[t.q]
	for j := sp.close; j > sp.open; j-- {
		r := d.rs[j]
		if isQuoteMark(r) || isSpaceRune(r) {
			continue
		}
		return r == ',' || r == '?' || r == '!' || r == '…' || r == '-' || r == '—'
	}
	return false
}

func (d *doc) hasCommaAfter(ti int) bool {
	return ti+1 < len(d.toks) && d.toks[ti+1].kind == tPunct && d.toks[ti+1].text == ","
}

// cueEndsClause: only adverbials follow the cue up to the sentence's end.
func (d *doc) cueEndsClause(k, end int) bool {
	return end-k <= 8
}

// isCueAt reports whether token k is a speech verb used as a verb: not after
// a determiner ("a report", "the call"), not capitalised mid-sentence.
func (d *doc) isCueAt(k int) bool {
	t := d.toks[k]
	if !t.isWord() || !isCue(t.lower) {
		return false
	}
	if t.capitalized() && !d.sentStart[k] {
		return false
	}
	if k > 0 {
		p := d.toks[k-1]
		if determiners[p.lower] || isPossessive(p.text) || nounPreps[p.lower] {
			return false
		}
		if k > 1 && nounPreps[d.toks[k-2].lower] && p.isWord() && !isPronoun(p.lower) {
			return false // "of Republican claims"
		}
		if quantifiers[p.lower] {
			return false // "a few questions"
		}
		if mayBeNoun(t.lower) {
			// "a Donald Trump tweet", "the White House statement"
			m := k - 1
			for m >= 0 && k-m <= 4 && d.toks[m].capitalized() && !d.sentStart[m] {
				m--
			}
			if m >= 0 && m < k-1 && (d.toks[m].lower == "a" || d.toks[m].lower == "an") {
				return false
			}
		}
	}
	return true
}

var quantifiers = setOf(`few many several more other such two three four five these those all various numerous`)

// mayBeNoun: a cue form that is also a noun (a tweet, the call, her
// claims); past forms and said/told/wrote never are.
func mayBeNoun(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
		return false
	}
	switch w {
	case "said", "told", "wrote", "says", "tells", "writes", "sang", "swore", "read":
		return false
	}
	return true
}

// cueText is the cue word, with "in a statement" when it follows.
func (d *doc) cueText(k int) string {
	c := d.toks[k].text
	if k+3 < len(d.toks) && d.toks[k+1].lower == "in" && determiners[d.toks[k+2].lower] && d.toks[k+3].lower == "statement" {
		return c + " in " + d.toks[k+2].text + " statement"
	}
	return c
}

// leftCue: a cue between the sentence's start ls and the quote at ti. A
// cue right before the quote ("X said:", "X said that") wins; otherwise the
// outermost (leftmost) plain verb of saying with a speaker ("Trump said
// that Clinton described it as “the gold standard”" is Trump's), else the
// nearest other cue. Participles after a comma take the clause's subject
// ("Bukele ..., posting: ..."). Cues inside an opening adverbial ("In a
// statement posted Friday, Cruz said") are skipped.
func (d *doc) leftCue(ls, ti int) (attribution, bool) {
	if a, ok := d.leftCueFrom(ls, ti, true); ok {
		return a, true
	}
	return d.leftCueFrom(ls, ti, false)
}

func (d *doc) leftCueFrom(ls, ti int, skipIntro bool) (attribution, bool) {
	from := ls
	if !skipIntro {
		goto scan
	}
	if introWords[d.toks[ls].lower] || participles[d.toks[ls].lower] {
		for m := ls; m < ti && m-ls < 40; m++ {
			if d.toks[m].kind == tPunct && d.toks[m].text == "," {
				from = m + 1
				break
			}
			if d.toks[m].kind == tQuote {
				break
			}
		}
	}
scan:
	var strong, weak attribution
	strongK, weakK := -1, -1
	var fbStrong, fbWeak attribution
	fbStrongK, fbWeakK := -1, -1
	// cues further than 40 tokens back are not this quote's
	for k := max(from, ti-41); k < ti; k++ {
		t := d.toks[k]
		if t.kind == tQuote {
			continue
		}
		if (t.lower == "but" || t.lower == "yet" || t.text == ";") && k+1 < ti && (strongK >= 0 || weakK >= 0) {
			// "Putney said ..., but he said that ...": a new clause with
			// its own speaker, if it has a cue; else the earlier one.
			fbStrong, fbWeak, fbStrongK, fbWeakK = strong, weak, strongK, weakK
			strongK, weakK = -1, -1
			continue
		}
		if t.lower == "according" && k+1 < ti && d.toks[k+1].lower == "to" {
			if p, ok := d.npAfter(k+2, ti); ok {
				return attribution{who: p, cue: "according to", found: true, cueTok: k + 1, side: 'L'}, true
			}
			continue
		}
		if speechNouns[t.lower] && k+1 < ti && d.toks[k+1].lower == "that" {
			// "Trump's claim that ...", "his prediction that ...": the
			// possessor said it.
			if p, ok := d.possessor(from, k); ok {
				a := attribution{who: p, cue: t.text, found: true, cueTok: k, side: 'L'}
				if weakK < 0 {
					weak, weakK = a, k
				}
			}
			continue
		}
		if !d.isCueAt(k) || ti-k > 40 {
			continue
		}
		var p np
		ok := false
		progressive := participles[t.lower] && k > 0 && auxiliaries[d.toks[k-1].lower]
		if participles[t.lower] && !progressive {
			if (k == 0 || d.toks[k-1].text != ",") && !d.directlyBefore(k, ti) {
				continue
			}
			p, ok = d.subject(from, k)
		} else {
			p, ok = d.npBefore(from, k)
			if !ok && k == from {
				continue
			}
			if !ok {
				p, ok = d.subject(from, k)
			}
		}
		if !ok {
			continue
		}
		a := attribution{who: p, cue: d.cueText(k), found: true, cueTok: k, side: 'L'}
		if d.directlyBefore(k, ti) {
			return a, true
		}
		if strongCues[t.lower] && strongK < 0 {
			strong, strongK = a, k
		}
		weak, weakK = a, k
	}
	if strongK < 0 && weakK < 0 {
		strong, weak, strongK, weakK = fbStrong, fbWeak, fbStrongK, fbWeakK
	}
	if strongK >= 0 {
		return strong, true
	}
	return weak, weakK >= 0
}

// directlyBefore: only a colon, a comma, "that" or an addressee sit
// between the cue at k and the quotation at ti ("told reporters:").
func (d *doc) directlyBefore(k, ti int) bool {
	if ti-k > 4 {
		return false
	}
	if ti-k == 1 {
		return true
	}
	last := d.toks[ti-1]
	return last.kind == tPunct && (last.text == ":" || last.text == ",") || last.lower == "that"
}

// subject finds the subject of the clause that starts at ls: the first noun
// phrase, after an opening adverbial that a comma closes.
func (d *doc) subject(ls, k int) (np, bool) {
	s := ls
	if s < k && introWords[d.toks[s].lower] {
		for m := s; m < k && m-s < 40; m++ {
			if d.toks[m].kind == tPunct && d.toks[m].text == "," {
				s = m + 1
				break
			}
		}
	}
	if s >= k {
		return np{}, false
	}
	if isPronoun(d.toks[s].lower) {
		return np{s, s + 1}, true
	}
	return d.npAfter(s, k)
}

// rightLater: a cue later in the quote's sentence, after a comma: "“a
// demand” of Obama, Trump says."
func (d *doc) rightLater(ti int) (attribution, bool) {
	end := d.rightEnd(ti)
	for k := ti + 1; k < end; k++ {
		if !d.isCueAt(k) {
			continue
		}
		p, ok := d.npBefore(ti+1, k)
		if !ok || !d.attributionEnds(ti, k, end) {
			return attribution{}, false
		}
		if p.s > ti+1 && !(d.toks[p.s-1].kind == tPunct && d.toks[p.s-1].text == ",") {
			return attribution{}, false
		}
		return attribution{who: p, cue: d.cueText(k), found: true, cueTok: k, side: 'R'}, true
	}
	return attribution{}, false
}

// colon: "PENCE: Well, ..." or "Trump on Twitter: ...": a name right
// before a colon that introduces the quote.
func (d *doc) colon(ls, ti int) (attribution, bool) {
	k := ti - 1
	if k < ls || !(d.toks[k].kind == tPunct && d.toks[k].text == ":") {
		return attribution{}, false
	}
	if p, ok := d.npBefore(ls, k); ok && d.toks[p.e-1].capitalized() {
		return attribution{who: p, cue: ":", found: true, cueTok: k, side: 'L'}, true
	}
	return attribution{}, false
}

// onlyOpeners: tokens [a, b) are titles or articles that npBefore left out.
func (d *doc) onlyOpeners(a, b int) bool {
	for i := a; i < b; i++ {
		if !(leadingDrop[d.toks[i].lower] || isTitleWord(d.toks[i].lower)) {
			return false
		}
	}
	return true
}

// attributionEnds: after a quotation that ends its own sentence, "X said"
// attributes it only when nothing but adverbials follows the cue; "Russia
// insisted that Pyongyang “stop”" is a new sentence with its own quote.
func (d *doc) attributionEnds(ti, k, end int) bool {
	if !quoteEndsSentence(d.rs, d.spans[d.toks[ti].q]) {
		return true
	}
	if end < len(d.toks) && d.toks[end].kind == tQuote && d.toks[end].para == d.toks[ti].para && end-k <= 6 {
		// "...," X said, "..." keeps going with the same speaker.
		if !(d.toks[end-1].kind == tPunct && (d.toks[end-1].text == "," || d.toks[end-1].text == ":")) {
			return false
		}
	}
	for m := k + 1; m < end; m++ {
		if d.toks[m].lower == "that" {
			return false
		}
	}
	return true
}

// nounPreps make the speech word after them a noun ("with chants of").
var nounPreps = setOf(`of with for by from about in on at into upon without amid`)

// auxiliaries make an -ing form a finite verb ("Clinton is describing").
var auxiliaries = setOf(`is was are were been be 's ’s am`)

// invertible: cue forms that come before their speaker ("said Smith",
// "asked the mayor", "writes Jones"); base forms ("state", "say") do not.
func invertible(w string) bool {
	switch w {
	case "said", "wrote", "sang", "read", "swore":
		return true
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s")
}

// speechNouns report speech when a "that" clause follows ("Trump's claim
// that ...").
var speechNouns = setOf(`claim claims statement statements assertion prediction warning promise
argument suggestion allegation allegations insistence remark remarks comment comments pledge vow
charge contention belief emphasis declaration announcement admission accusation accusations
complaint boast`)

// possessor returns who owns the noun at k: a possessive name before it,
// with adjectives between ("Stumpf's repeated emphasis"), or his/her/their/
// its.
func (d *doc) possessor(lo, k int) (np, bool) {
	for m := k - 1; m >= lo && k-m <= 3; m-- {
		t := d.toks[m]
		if !t.isWord() {
			return np{}, false
		}
		switch t.lower {
		case "his", "her", "their", "its":
			return np{m, m + 1}, true
		}
		if isPossessive(t.text) {
			e := m + 1
			s := m
			for s-1 >= lo && d.toks[s-1].capitalized() && k-s < 8 {
				s--
			}
			if !d.toks[m].capitalized() {
				return np{}, false
			}
			return np{s, e}, true
		}
	}
	return np{}, false
}

// dashNextLine: a quotation that ends its paragraph, signed on the next
// line ("“...”\n— Jane Doe, chief executive").
func (d *doc) dashNextLine(ti int) (attribution, bool) {
	j := ti + 1
	if j+1 >= len(d.toks) || d.toks[j].para == d.toks[ti].para || !isDash(d.toks[j]) {
		return attribution{}, false
	}
	end := j + 1
	for end < len(d.toks) && d.toks[end].para == d.toks[j].para {
		end++
	}
	if end-j > 12 {
		return attribution{}, false
	}
	if p, ok := d.npAfter(j+1, end); ok && d.toks[p.s].capitalized() {
		return attribution{who: p, cue: d.toks[j].text, found: true, cueTok: j, side: 'R'}, true
	}
	return attribution{}, false
}
