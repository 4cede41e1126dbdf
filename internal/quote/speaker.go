package quote

import (
	"strings"
	"unicode"
)

// clauseWords end a noun phrase searched backwards from a cue, or forwards
// from one.
var clauseWords = setOf(`and but or nor that which who whom whose when while because if as than so
after before since where whether though although unless until is was were are be been being
has have had do does did will would can could should may might must not also then said says
say told tells wrote writes added adds to in on at by with from into during about against
over under between through without within upon per via like among across toward towards
there here what why how it's this these those`)

// introWords open a sentence with an adverbial phrase that a comma ends
// ("On Monday, Trump said ..."); the subject follows the comma.
var introWords = setOf(`in on at after during when while however meanwhile later earlier last
speaking asked according before since as for with without despite following amid but and so
yet still now then also instead indeed moreover separately similarly likewise elsewhere
today yesterday tonight monday tuesday wednesday thursday friday saturday sunday if although following
though because by from under over in`)

// leadingDrop are capitalised sentence openers that are not part of a name.
var leadingDrop = setOf(`the a an but and or so yet in on at for of to from with by as if when
while after before during since this that these those it its his her their our my your we i
he she they there here then now still also meanwhile however according asked speaking last
next later earlier today yesterday tonight dear both either neither perhaps maybe another
indeed only even just`)

var particles = setOf(`de del della der di da dos das do du van von bin al el la le den ter ten ibn abu mac st. y`)

// np is a noun phrase naming a speaker: tokens [s, e).
type np struct{ s, e int }

// isNameTok: a capitalised word, an initial, or an all-caps acronym.
func (d *doc) isNameTok(i int) bool {
	t := d.toks[i]
	return t.capitalized()
}

// npBefore finds the noun phrase ending right before token k (a cue),
// not reaching before lo. It skips auxiliaries and adverbs ("has also
// said") and appositives ("Lee Gelernt, the ACLU's lead attorney, said").
func (d *doc) npBefore(lo, k int) (np, bool) {
	j := k - 1
	for j >= lo && d.isBetween(j) {
		j--
	}
	if j < lo {
		return np{}, false
	}
	t := d.toks[j]
	if t.kind == tPunct && (t.text == "," || t.text == ")") {
		open := ","
		if t.text == ")" {
			open = "("
		}
		m := j - 1
		for m >= lo && j-m < 16 && !(d.toks[m].kind == tPunct && d.toks[m].text == open) {
			if d.toks[m].kind == tQuote || isTerminal(d.toks[m]) {
				return np{}, false
			}
			m--
		}
		if m < lo || j-m >= 16 {
			return np{}, false
		}
		j = m - 1
		for j >= lo && d.isBetween(j) {
			j--
		}
		if j >= lo && t.text == "," && d.toks[j].kind == tPunct && d.toks[j].text == ")" {
			// "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
			m = j - 1
			for m >= lo && j-m < 8 && !(d.toks[m].kind == tPunct && d.toks[m].text == "(") {
				m--
			}
			if m < lo || j-m >= 8 {
				return np{}, false
			}
			j = m - 1
		}
		if j < lo {
			return np{}, false
		}
	}
	if !d.toks[j].isWord() || clauseWords[d.toks[j].lower] {
		return np{}, false
	}
	if isPronoun(d.toks[j].lower) {
		return np{j, j + 1}, true
	}
	e := j + 1
	s := j
	for s-1 >= lo && e-(s-1) <= 9 {
		p := d.toks[s-1]
		if p.kind == tPunct && (p.text == "(" || p.text == ")") {
			break
		}
		if !p.isWord() {
			// "House Speaker Paul Ryan, R-Wis." and "Mike Pence (R-IN)" are
			// handled by the appositive step; any other mark ends it.
			break
		}
		if clauseWords[p.lower] && !(p.lower == "of" || p.lower == "for") {
			break
		}
		if isCue(p.lower) && !p.capitalized() {
			break
		}
		if isPronoun(p.lower) && p.lower != "his" && p.lower != "her" && p.lower != "its" && p.lower != "their" {
			break
		}
		s--
	}
	// Drop leading prepositions and openers that are not part of the phrase.
	for s < e && (leadingDrop[d.toks[s].lower] && !determiners[d.toks[s].lower] || d.toks[s].lower == "of" || d.toks[s].lower == "for") {
		s++
	}
	if s >= e {
		return np{}, false
	}
	return np{s, e}, d.plausibleNP(np{s, e})
}

// npAfter finds the noun phrase starting at token k (after an inverted cue:
// "said Lee Gelernt, the ACLU's lead attorney"), stopping before hi.
func (d *doc) npAfter(k, hi int) (np, bool) {
	// "Though she called": skip a leading conjunction.
	for k < hi && d.toks[k].isWord() && clauseWords[d.toks[k].lower] && !determiners[d.toks[k].lower] && k+1 < hi && d.toks[k+1].isWord() {
		k++
	}
	if k >= hi || !d.toks[k].isWord() {
		return np{}, false
	}
	if isPronoun(d.toks[k].lower) && d.toks[k].lower != "his" && d.toks[k].lower != "her" {
		return np{k, k + 1}, true
	}
	e := k
	for e < hi && e-k < 9 {
		t := d.toks[e]
		if !t.isWord() {
			if t.kind == tPunct && (t.text == "-" || t.text == "‐") {
				e++
				continue
			}
			break
		}
		if e > k && clauseWords[t.lower] && t.lower != "of" && t.lower != "for" && !(t.lower == "from" && sourceNouns[d.toks[e-1].lower]) {
			break
		}
		if e > k && isCue(t.lower) && !t.capitalized() {
			break
		}
		if e > k && dayOrTime[t.lower] {
			break
		}
		if e > k && !t.capitalized() && t.lower != "of" && t.lower != "for" && t.lower != "from" && !particles[t.lower] {
			// after a name, a lower-case word is the verb ("Kejriwal
			// turned"), unless the name is a possessive ("the ACLU's lead
			// attorney")
			if p := d.toks[e-1]; p.capitalized() && !isPossessive(p.text) && !leadingDrop[p.lower] && !isTitleWord(p.lower) {
				break
			}
		}
		e++
	}
	s := k
	for s < e && leadingDrop[d.toks[s].lower] && !determiners[d.toks[s].lower] {
		s++
	}
	for e > s && (d.toks[e-1].lower == "of" || d.toks[e-1].lower == "for" || d.toks[e-1].lower == "-") {
		e--
	}
	if s >= e {
		return np{}, false
	}
	return np{s, e}, d.plausibleNP(np{s, e})
}

var dayOrTime = setOf(`monday tuesday wednesday thursday friday saturday sunday today yesterday
tonight earlier later recently last this morning afternoon evening night week month year`)

// plausibleNP: the phrase names someone: it holds a capitalised word, a
// pronoun, or a determiner and a noun ("the mayor", "a spokesman").
func (d *doc) plausibleNP(p np) bool {
	if p.e-p.s > 9 {
		return false
	}
	hasCap, hasDet := false, false
	for i := p.s; i < p.e; i++ {
		t := d.toks[i]
		if t.capitalized() && !leadingDrop[t.lower] {
			hasCap = true
		}
		if determiners[t.lower] || isPronoun(t.lower) {
			hasDet = true
		}
	}
	if hasCap {
		return true
	}
	if hasDet {
		// the head must be a noun-like word, not a verb form ending the
		// phrase ("the flights were") — clauseWords already cut those.
		return true
	}
	// bare plural nouns: officials, witnesses, critics, prosecutors.
	last := d.toks[p.e-1].lower
	return p.e-p.s <= 3 && (strings.HasSuffix(last, "s") && bareSpeakers[last])
}

var bareSpeakers = setOf(`officials witnesses critics prosecutors lawmakers democrats republicans
analysts experts sources residents protesters protestors supporters activists organizers
organisers police authorities investigators researchers scientists doctors parents students
teachers voters observers economists diplomats aides advocates opponents officers agents
insiders critics campaigners demonstrators neighbors neighbours relatives lawyers attorneys`)

// text returns the body text covered by tokens [s, e).
func (d *doc) text(s, e int) string {
	return string(d.rs[d.toks[s].s:d.toks[e-1].e])
}

// nameRun returns the last run of capitalised name tokens inside p: the
// person or organisation p names.
func (d *doc) nameRun(p np) (s, e int, ok bool) {
	e = -1
	for i := p.e - 1; i >= p.s; i-- {
		t := d.toks[i]
		if t.capitalized() && !(leadingDrop[t.lower] && i == p.s) {
			if e < 0 {
				e = i + 1
			}
			s = i
			continue
		}
		if e >= 0 {
			if particles[t.lower] && i > p.s && d.toks[i-1].capitalized() {
				s = i
				continue
			}
			break
		}
	}
	if e < 0 {
		return 0, 0, false
	}
	return s, e, true
}

// stripPossessive removes a trailing 's / ’s / ’.
func stripPossessive(w string) string {
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

func isPossessive(w string) bool { return stripPossessive(w) != w }

// isAcronym: ACLU, FBI, AP (not "I").
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '.' && r != '&' {
			return false
		}
		n++
	}
	return n >= 2
}

// sourceNouns may take "from" inside a speaker phrase ("a statement from
// the Kremlin", "a spokesperson from the ministry").
var sourceNouns = setOf(`statement statements report reports spokesman spokeswoman spokesperson
official officials representative representatives source sources lawyer lawyers attorney attorneys
letter email message memo release`)
