package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// doc is one body under analysis.
type doc struct {
	rs        []rune
	spans     []span
	toks      []token
	sentStart []bool
	sentOf    []int32 // the first token of each token's sentence
	qtok      []int   // token index of each span
	mentions  []mention
	// fullNames indexes the mentions named in full by their last word.
	fullNames map[string][]int
}

// attribution is what a quotation's own attribution says: the mention (as
// a noun phrase) and the cue.
type attribution struct {
	who   np
	cue   string
	found bool
	// inherited: a floating quote taking the previous quote's speaker.
	from int
	// cueTok indexes the cue's token; side says whether the attribution
	// sits before ('L') or after ('R') the quotation.
	cueTok int
	side   byte
}

// FindText finds the attributed direct quotations in a plain-text body.
// Offsets count code points into body, end exclusive.
func FindText(body string) []archive.Quote {
	found := newDoc(body).quotes()
	out := make([]archive.Quote, len(found))
	for i, f := range found {
		out[i] = f.Quote
	}
	return out
}

// found is one reported quote with the quotations (by their marks) it
// holds: one, or several partial quotations of one clause.
type found struct {
	archive.Quote
	marks []span
}

// inner returns the words of the quotations inside their marks.
func (d *doc) inner(f found) []string {
	out := make([]string, 0, len(f.marks))
	for _, sp := range f.marks {
		out = append(out, string(d.rs[sp.open+1:sp.close]))
	}
	return out
}

func newDoc(body string) *doc { return newDocRunes(body, []rune(body)) }

// newDocRunes analyses body, whose runes are rs.
func newDocRunes(body string, rs []rune) *doc {
	if !utf8.ValidString(body) {
		// token texts slice body by the byte lengths of rs's runes
		body = string(rs)
	}
	d := &doc{rs: rs}
	ars := normalizeMarks(rs)
	d.spans = findSpans(ars)
	if len(d.spans) == 0 {
		return d
	}
	d.toks = tokenize(ars, rs, body, d.spans)
	d.sentStart = sentenceStarts(ars, d.toks, d.spans)
	d.sentOf = make([]int32, len(d.toks))
	cur := int32(0)
	for i, st := range d.sentStart {
		if st {
			cur = int32(i)
		}
		d.sentOf[i] = cur
	}
	d.qtok = make([]int, len(d.spans))
	for i, t := range d.toks {
		if t.kind == tQuote {
			d.qtok[t.q] = i
		}
	}
	return d
}

func (d *doc) quotes() []found {
	atts := make([]attribution, len(d.spans))
	speakerLast := map[string]bool{}
	english := d.english()
	for qi := range d.spans {
		if english {
			atts[qi] = d.attribute(qi)
		}
		atts[qi].from = -1
		if a := atts[qi]; a.found && a.who.e > a.who.s {
			if s, e, ok := d.nameRun(a.who); ok {
				w := stripPossessive(d.toks[e-1].text)
				_ = s
				speakerLast[strings.ToLower(w)] = true
			}
		}
	}
	for _, a := range atts {
		if a.found {
			// names are needed only to resolve speakers
			d.collectMentions(speakerLast)
			break
		}
	}

	var out []found
	lastAttributed := -1
	singleStyle := d.singleQuoteStyle()
	// the last speaker, and whether it is a person, for "it" and "they"
	lastSpeaker, lastPerson := "", false
	for qi, sp := range d.spans {
		a := atts[qi]
		if sp.single && !singleStyle {
			// Where a text quotes with double marks, single ones at the
			// top level are headlines' and scare quotes.
			continue
		}
		if d.namesAWork(qi) {
			continue
		}
		if !a.found {
			if prev := lastAttributed; prev >= 0 && d.floating(qi, prev) {
				a = atts[prev]
				a.from = prev
				a.found = true
			}
		}
		if !a.found && english {
			a = d.subjectOfPartial(qi)
		}
		if !a.found && !d.standsAlone(qi) {
			continue
		}
		if d.tooShort(qi) && !a.found {
			continue
		}
		if !a.found && d.isTitle(qi) {
			continue
		}
		start, end := sp.open, sp.close+1
		if a.found && a.from < 0 {
			start, end = d.content(qi, a)
		}
		if n := len(out); n > 0 && out[n-1].Start == start && out[n-1].End == end {
			// a second partial quotation in the same clause
			out[n-1].marks = append(out[n-1].marks, sp)
			continue
		}
		q := archive.Quote{
			Text:         string(d.rs[start:end]),
			Start:        start,
			End:          end,
			SpeakerStart: -1,
			SpeakerEnd:   -1,
		}
		if a.found {
			lastAttributed = qi
			atts[qi] = a
			q.Cue = a.cue
			if a.who.e > a.who.s {
				q.SpeakerMention = d.text(a.who.s, a.who.e)
				q.SpeakerStart = d.toks[a.who.s].s
				q.SpeakerEnd = d.toks[a.who.e-1].e
				q.Speaker = d.resolve(a.who)
				if l := d.toks[a.who.s].lower; a.who.e-a.who.s == 1 && (l == "it" || l == "they") && lastSpeaker != "" && !lastPerson {
					// "“...,” the ministry said. “...,” it added."
					q.Speaker = lastSpeaker
				}
				lastSpeaker, lastPerson = q.Speaker, d.namesPerson(a.who)
			}
		}
		out = append(out, found{Quote: q, marks: []span{sp}})
	}
	return out
}

// tooShort: a one- or two-word quotation is a scare quote or a title unless
// a cue attributes it.
func (d *doc) tooShort(qi int) bool {
	return wordCount(d.rs[d.spans[qi].open:d.spans[qi].close+1]) < 3
}

func wordCount(rs []rune) int {
	n, in := 0, false
	for _, r := range rs {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// standsAlone: a quotation that is a sentence of its own (it starts a
// sentence and ends one) is reported even without a speaker; a fragment
// inside a sentence with no speech cue is a scare quote or a title.
func (d *doc) standsAlone(qi int) bool {
	ti := d.qtok[qi]
	if !d.sentStart[ti] {
		return false
	}
	if wordCount(d.rs[d.spans[qi].open:d.spans[qi].close+1]) < 6 {
		return false
	}
	return quoteEndsSentence(d.rs, d.spans[qi]) || ti+1 >= len(d.toks) || d.toks[ti+1].para != d.toks[ti].para || isTerminal(d.toks[ti+1])
}

// floating: quote qi, with no attribution of its own, is a sentence made
// only of a quotation that follows the attributed quote prev closely (same
// paragraph or the next ones, nothing but quotes and short text between).
func (d *doc) floating(qi, prev int) bool {
	ti := d.qtok[qi]
	if !d.sentStart[ti] {
		return false
	}
	pt := d.qtok[prev]
	if d.toks[ti].para-d.toks[pt].para > 1 {
		return false
	}
	// Only quotes, cues and attribution may sit between: no other sentence
	// of the writer's own longer than a few words.
	k0 := pt + 1
	for k0 < ti && !d.sentStart[k0] {
		k0++
	}
	words := 0
	for k := k0; k < ti; k++ {
		if d.toks[k].isWord() {
			words++
		}
	}
	return words <= 12
}

// resolve turns a speaker phrase into the name it refers to.
func (d *doc) resolve(p np) string {
	if p.e-p.s == 1 && isPronoun(d.toks[p.s].lower) {
		l := d.toks[p.s].lower
		if name := d.resolvePronoun(l, p.s); name != "" {
			return name
		}
		return d.toks[p.s].text
	}
	s, e, ok := d.nameRun(p)
	if !ok {
		// "The judge", "a spokesman": a description, article lower-cased.
		t := d.text(p.s, p.e)
		if determiners[d.toks[p.s].lower] && d.toks[p.s].capitalized() {
			t = d.toks[p.s].lower + t[len(d.toks[p.s].text):]
		}
		return t
	}
	if runLast := stripPossessive(d.toks[e-1].text); e == p.e && (orgWords[strings.ToLower(runLast)] || isAcronym(runLast) && e-s == 1 || s > p.s && d.toks[s-1].lower == "the") {
		// An organisation: keep its article ("the White House", "the
		// Kremlin").
		name := d.text(s, e)
		if s > p.s && d.toks[s-1].lower == "the" {
			return "the " + name
		}
		return name
	}
	// "Venezuela's foreign ministry", "a State Department spokesperson":
	// a name with a lower-case head after it is a description.
	if e < p.e {
		t := d.text(p.s, p.e)
		if determiners[d.toks[p.s].lower] && d.toks[p.s].capitalized() {
			t = d.toks[p.s].lower + t[len(d.toks[p.s].text):]
		}
		return t
	}
	// Strip titles on the left (Salvadoran President Nayib Bukele).
	k := s
	for k < e-1 && (isTitleWord(d.toks[k].lower) || leadingDrop[d.toks[k].lower]) {
		k++
	}
	if k == e-1 && isTitleWord(d.toks[k].lower) {
		// only a title: "the Prime Minister", "The Governor"
		t := d.text(p.s, p.e)
		if determiners[d.toks[p.s].lower] && d.toks[p.s].capitalized() {
			t = d.toks[p.s].lower + t[len(d.toks[p.s].text):]
		}
		return t
	}
	words := make([]string, 0, e-k)
	for i := k; i < e; i++ {
		words = append(words, d.toks[i].text)
	}
	words[len(words)-1] = stripPossessive(words[len(words)-1])
	lastL := strings.ToLower(words[len(words)-1])
	if orgWords[lastL] || isAcronym(words[len(words)-1]) && len(words) == 1 {
		// An organisation: keep its article ("the White House", "the
		// Kremlin").
		if s > p.s && d.toks[s-1].lower == "the" {
			return "the " + strings.Join(words, " ")
		}
		return strings.Join(words, " ")
	}
	if len(words) == 1 {
		if mi := d.mentionAt(e - 1); mi >= 0 {
			return d.mentions[mi].full
		}
		if m := d.fullName(words[0], len(d.mentions)); m != nil {
			return m.full
		}
	}
	return strings.Join(words, " ")
}

// isTitle: a short quotation made only of capitalised words and not ending
// a sentence is a title ("Fox News Sunday", “The Apprentice”).
func (d *doc) isTitle(qi int) bool {
	sp := d.spans[qi]
	if quoteEndsSentence(d.rs, sp) {
		return false
	}
	words, inWord, capital := 0, false, true
	for j := sp.open + 1; j < sp.close; j++ {
		r := d.rs[j]
		w := isWordRune(r)
		if w && !inWord {
			words++
			end := j
			for end < sp.close && isWordRune(d.rs[end]) {
				end++
			}
			if end-j > 3 && !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				capital = false
			}
		}
		inWord = w
	}
	return capital && words <= 7
}

// content returns the span a quotation is reported with. A quotation that
// opens its sentence is reported as marked. A partial quotation inside
// reported speech is reported with the clause that holds it, from the
// cue's complement ("that ...") to the clause's end, the way PolNeAR and
// GenderGapTracker annotate content; partial quotes of one clause share it.
func (d *doc) content(qi int, a attribution) (start, end int) {
	sp := d.spans[qi]
	start, end = sp.open, sp.close+1
	ti := d.qtok[qi]
	if d.sentStart[ti] || d.toks[ti-1].kind == tPunct && d.toks[ti-1].text == ":" {
		// a whole quotation: at its sentence's start or after a colon
		return start, end
	}
	ls := d.sentenceStart(ti)
	se := ti + 1
	for se < len(d.toks) && se-ti < 200 && !d.sentStart[se] && !(isTerminal(d.toks[se]) && !d.toks[se].abbr) {
		se++
	}
	cs, ce := -1, -1
	switch {
	case a.side == 'L' && a.cueTok < ti:
		k := a.cueTok
		// the clause holding the quote starts after the last cue before it
		for m := k + 1; m < ti; m++ {
			if d.isCueAt(m) {
				k = m
			}
		}
		cs = k + 1
		if a.who.s > k && a.who.e <= ti {
			// "According to X, ...": the content follows the speaker
			cs = a.who.e
		}
		for m := cs; m < ti; m++ {
			if d.toks[m].lower == "that" {
				cs = m
				break
			}
		}
		for cs < ti && d.toks[cs].kind == tPunct {
			cs++
		}
		ce = se
		for m := ti + 1; m < se; m++ {
			if d.isCueAt(m) && (d.toks[m-1].lower == "and" || d.toks[m-1].text == ",") {
				ce = m - 1
				break
			}
			if d.toks[m].lower == "according" {
				ce = m
				break
			}
		}
	case a.side == 'R' && a.cueTok > ti:
		cs = ls
		ce = a.who.s
		if a.cueTok < ce {
			ce = a.cueTok
		}
	default:
		return start, end
	}
	for ce > cs && ce-1 > ti && (d.toks[ce-1].kind == tPunct || d.toks[ce-1].lower == "and") {
		ce--
	}
	if cs < 0 || cs >= ce || cs > ti || ce <= ti {
		return start, end
	}
	if s := d.toks[cs].s; s < start {
		start = s
	}
	if e := d.toks[ce-1].e; e > end {
		end = e
	}
	return start, end
}

// singleQuoteStyle reports whether the text quotes with single marks (as
// British papers do): most of its quotations are in single marks.
func (d *doc) singleQuoteStyle() bool {
	single := 0
	for _, sp := range d.spans {
		if sp.single {
			single++
		}
	}
	// A house style is the mark most quotations use: a British text
	// quoting in single marks may still hold a headline or a title in
	// double ones.
	return single > len(d.spans)-single
}

// namesAWork: a quotation of capitalised words after "of", "on", a
// possessive or "titled" names a show, a book or a film (on CNN's "State of
// the Union."; the 30-second spot, titled “Arrogant,”), not words anyone
// said.
func (d *doc) namesAWork(qi int) bool {
	ti := d.qtok[qi]
	if ti == 0 || d.sentStart[ti] {
		return false
	}
	p := d.toks[ti-1]
	if !(workPreps[p.lower] || isPossessive(p.text)) {
		return false
	}
	sp := d.spans[qi]
	words := 0
	for j := sp.open + 1; j < sp.close; j++ {
		if isWordRune(d.rs[j]) && !isWordRune(d.rs[j-1]) && d.rs[j-1] != '\'' && d.rs[j-1] != '’' {
			words++
			end := j
			for end < sp.close && isWordRune(d.rs[end]) {
				end++
			}
			if end-j > 3 && !unicode.IsUpper(d.rs[j]) && !unicode.IsDigit(d.rs[j]) {
				return false
			}
		}
	}
	return words > 0 && words <= 8
}

var workPreps = setOf(`of on in at from titled entitled show program film book series episode`)

// englishWords are frequent English function words that other languages
// written in Latin script rarely share; foreignWords the same for the
// other languages of Western news.
var englishWords = setOf(`the of and to is that for with was he it said from his her have are this
not but they were has been which would who will she their says told`)

var foreignWords = setOf(`der die das und ist nicht ein eine sich auch mit dem den des zu von
le la les et est une des du au aux pas pour qui dans sur avec
el los las que del por para con una es lo se como más pero sus
il che non di della sono gli nel alla
och att det är inte som för med på av
og er ikke det som til af
em um uma não para com os das dos ao
w z nie się że jest
и в не на что это с по как он она`)

// english reports whether the body reads as English: the speaker patterns
// are English ones, so elsewhere quotes are reported without a speaker. A
// body mostly in another script, or with more of another language's
// function words than of English's, is not English.
func (d *doc) english() bool {
	latin, other := 0, 0
	for i, r := range d.rs {
		if i > 2000 {
			break
		}
		if unicode.IsLetter(r) {
			if unicode.Is(unicode.Latin, r) {
				latin++
			} else {
				other++
			}
		}
	}
	if other > latin {
		return false
	}
	en, foreign, words := 0, 0, 0
	for _, t := range d.toks {
		if t.kind != tWord {
			continue
		}
		if words++; words > 400 {
			break
		}
		if englishWords[t.lower] {
			en++
		} else if foreignWords[t.lower] {
			foreign++
		}
	}
	return !(foreign > en && (foreign >= 3 || en == 0))
}

// subjectOfPartial attributes a quotation of four words or more inside a
// sentence with no speech cue ("Reid has gone after Trump as a “human
// leech who will bleed the country”") to the sentence's subject, when that
// is a name or a pronoun;
// the verb after it is the cue. Shorter ones are left to the cues: most
// are scare quotes.
func (d *doc) subjectOfPartial(qi int) attribution {
	sp := d.spans[qi]
	ti := d.qtok[qi]
	if d.sentStart[ti] || wordCount(d.rs[sp.open:sp.close+1]) < 4 || d.isTitle(qi) {
		return attribution{}
	}
	ls := d.sentenceStart(ti)
	p, ok := d.subject(ls, ti)
	if !ok || p.e >= ti || !(isPronoun(d.toks[p.s].lower) || d.toks[p.e-1].capitalized()) {
		return attribution{}
	}
	cue := ""
	if v := d.toks[p.e]; v.isWord() && !v.capitalized() {
		cue = v.text
	}
	return attribution{who: p, cue: cue, found: true, cueTok: p.e, side: 'L', from: -1}
}

// namesPerson reports whether a speaker phrase names a person: a pronoun
// for one, or a name that is not an organisation's.
func (d *doc) namesPerson(p np) bool {
	if p.e-p.s == 1 {
		switch d.toks[p.s].lower {
		case "he", "she", "him", "his", "her", "i":
			return true
		case "it", "they", "we", "its", "their":
			return false
		}
	}
	s, e, ok := d.nameRun(p)
	if !ok || e < p.e {
		return false
	}
	last := strings.ToLower(stripPossessive(d.toks[e-1].text))
	return !orgWords[last] && !isAcronym(d.toks[e-1].text) && !(s > p.s && d.toks[s-1].lower == "the")
}
