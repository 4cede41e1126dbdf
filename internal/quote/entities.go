package quote

import (
	"sort"
	"strings"
)

// mention is one capitalised name in the body outside quotations: a person
// or an organisation that a later pronoun or surname may refer to.
type mention struct {
	tok    int      // first token of the run (titles included)
	words  []string // the name without titles or possessive
	full   string   // the resolved full name
	person bool
	org    bool
	gender byte
}

func (m mention) last() string { return m.words[len(m.words)-1] }

// collectMentions finds every run of capitalised words outside quotations.
// speakerLast holds the last words of names seen in speaker position, which
// makes a run a person even when its given name is unknown.
func (d *doc) collectMentions(speakerLast map[string]bool) {
	d.mentions = d.mentions[:0]
	i := 0
	for i < len(d.toks) {
		if !d.toks[i].capitalized() {
			i++
			continue
		}
		s := i
		e := i + 1
		for e < len(d.toks) && d.toks[e].para == d.toks[s].para {
			t := d.toks[e]
			if t.capitalized() && !isPossessive(d.toks[e-1].text) {
				e++
				continue
			}
			if particles[t.lower] && e+1 < len(d.toks) && d.toks[e+1].capitalized() {
				e++
				continue
			}
			break
		}
		i = e
		// Drop sentence openers ("The", "But") and titles.
		ws := make([]string, 0, e-s)
		var titles []string
		for k := s; k < e; k++ {
			w := d.toks[k].text
			l := d.toks[k].lower
			if len(ws) == 0 && (leadingDrop[l] || isTitleWord(l) || isPronoun(l)) {
				titles = append(titles, w)
				continue
			}
			ws = append(ws, w)
		}
		if len(ws) == 0 {
			continue
		}
		ws[len(ws)-1] = stripPossessive(ws[len(ws)-1])
		if ws[len(ws)-1] == "" {
			continue
		}
		m := mention{tok: s, words: ws}
		lastL := strings.ToLower(m.last())
		m.org = orgWords[lastL] || (isAcronym(m.last()) && len(ws) == 1 && !speakerLast[lastL])
		if !m.org {
			m.gender = genderOfName(append(titles, ws...))
			personTitle := false
			for _, t := range titles {
				tl := strings.TrimSuffix(strings.ToLower(t), ".")
				if isTitleWord(tl) && !leadingDrop[strings.ToLower(t)] && tl != "house" && tl != "state" && tl != "white" && tl != "u.s" {
					personTitle = true
				}
			}
			hasInitial := false
			for _, w := range ws {
				if len([]rune(w)) == 2 && strings.HasSuffix(w, ".") {
					hasInitial = true
				}
			}
			m.person = personTitle || m.gender != 0 || speakerLast[lastL] || (hasInitial && len(ws) >= 2) ||
				(len(ws) >= 2 && d.saysAfter(e))
		}
		m.full = strings.Join(ws, " ")
		d.mentions = append(d.mentions, m)
	}
	// Resolve single surnames to the full name given earlier (or, failing
	// that, later) and carry gender over.
	d.fullNames = map[string][]int{}
	for i, m := range d.mentions {
		if len(m.words) >= 2 && !m.org {
			d.fullNames[m.last()] = append(d.fullNames[m.last()], i)
		}
	}
	for i := range d.mentions {
		m := &d.mentions[i]
		if len(m.words) != 1 || m.org {
			continue
		}
		if full := d.fullName(m.last(), i); full != nil {
			m.full = full.full
			m.person = true
			if m.gender == 0 {
				m.gender = full.gender
			}
		}
	}
}

// saysAfter reports whether the run ending before token e is the subject
// of a plain verb of saying: "Priya Natarajan said", "Anna Smith, a
// historian, told". Such a run names someone who speaks, so a later
// pronoun or surname may refer to it even when its given name is unknown.
func (d *doc) saysAfter(e int) bool {
	if e >= len(d.toks) {
		return false
	}
	if d.toks[e].text == "," {
		// skip a short appositive: ", a historian who ..., said"
		k := e + 1
		for ; k < len(d.toks) && k-e <= 16 && d.toks[k].para == d.toks[e].para; k++ {
			if d.toks[k].text == "," {
				break
			}
			if d.toks[k].kind == tQuote {
				return false
			}
		}
		if k >= len(d.toks) || d.toks[k].text != "," {
			return false
		}
		e = k + 1
		if e >= len(d.toks) {
			return false
		}
	}
	return strongCues[d.toks[e].lower]
}

// fullName finds the mention of a person named in full whose last word is
// surname: the closest one before mention index before, else the first
// after.
func (d *doc) fullName(surname string, before int) *mention {
	idx := d.fullNames[surname] // ascending
	if len(idx) == 0 {
		return nil
	}
	i := sort.SearchInts(idx, before) // idx[:i] are before it
	if i > 0 {
		return &d.mentions[idx[i-1]]
	}
	for ; i < len(idx); i++ {
		if idx[i] != before {
			return &d.mentions[idx[i]]
		}
	}
	return nil
}

// mentionAt returns the index of the mention whose run covers token i, or
// -1.
func (d *doc) mentionAt(i int) int {
	lo, hi := 0, len(d.mentions)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.mentions[mid].tok <= i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	j := lo - 1
	if j < 0 {
		return -1
	}
	m := d.mentions[j]
	// a run covers its first token up to the next non-capitalised one.
	k := m.tok
	for k < len(d.toks) && k <= i && (d.toks[k].capitalized() || particles[d.toks[k].lower]) {
		k++
	}
	if i < k {
		return j
	}
	return -1
}

// resolvePronoun returns the name of the last compatible named person (or,
// for they/it/we, organisation) mentioned before token i.
func (d *doc) resolvePronoun(pron string, i int) string {
	g := pronounGender[pron]
	// the mentions before token i, nearest first, and not too far back
	last := sort.Search(len(d.mentions), func(j int) bool { return d.mentions[j].tok >= i }) - 1
	for j := last; j >= 0 && last-j < maxLookback; j-- {
		m := d.mentions[j]
		switch g {
		case 'm', 'f':
			if m.person && (m.gender == g || m.gender == 0) {
				return m.full
			}
		case 'p', 'n':
			if m.org {
				return m.full
			}
		default:
			return ""
		}
	}
	return ""
}

// maxLookback bounds how many names back a pronoun looks.
const maxLookback = 400
