package quote

import (
	"math"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// tieThreshold is the least text similarity that ties a quote to a post;
// a speaker who is the post's author lowers it to authorThreshold.
const (
	tieThreshold    = 0.8
	authorThreshold = 0.65
	// maxPostMatch (bytes of normalised post text) and maxPairs (quote,
	// post pairs compared per article) bound the matching work.
	maxPostMatch = 4000
	maxPairs     = 20000
)

// tie fills PostURL and MatchScore of the quotes that come from one of the
// article's posts: the quotation is itself a hyperlink to a post, or its
// words match a post's text allowing for case, punctuation, ellipses, emoji
// and small edits. Between posts that match about as well, the one whose
// author is the quote's speaker (Bukele <-> @nayibbukele) wins.
func tie(d *doc, found []found, b body, embeds []archive.Embed) {
	if len(found) == 0 || len(embeds) == 0 && len(b.links) == 0 {
		return
	}
	normPosts := make([]matchText, len(embeds))
	for i, e := range embeds {
		t := normalizeForMatch(e.Text)
		if len(t) > maxPostMatch {
			// posts are short; a longer text is cut to keep ties cheap
			t = strings.ToValidUTF8(t[:maxPostMatch], "")
		}
		normPosts[i] = postText(t)
	}
	budget := maxPairs
	for i := range found {
		f := &found[i]
		bestURL, bestScore, bestRank := "", 0.0, 0.0
		consider := func(url string, score, rank float64) {
			if rank > bestRank {
				bestURL, bestScore, bestRank = url, score, rank
			}
		}
		// The quotation is a link to a post.
		for _, l := range b.links {
			for _, sp := range f.marks {
				if overlaps(l.start, l.end, sp.open, sp.close+1) && 2*(min(l.end, sp.close)-max(l.start, sp.open+1)) >= min(l.end-l.start, sp.close-sp.open-1) {
					url := l.ref.URL
					for _, e := range embeds {
						if e.Key() == l.ref.Key() {
							url = e.URL
							break
						}
					}
					consider(url, 1, 2)
				}
			}
		}
		// Its words are a post's.
		words := d.inner(*f)
		for k, w := range words {
			words[k] = normalizeForMatch(w)
		}
		for j, e := range embeds {
			if normPosts[j].text == "" || budget <= 0 {
				continue
			}
			budget--
			s := 0.0
			for _, w := range words {
				s = math.Max(s, normPosts[j].similarity(w))
			}
			author := speakerIsAuthor(f.Speaker, e)
			if s < tieThreshold && !(author && s >= authorThreshold) {
				continue
			}
			rank := s
			if author {
				rank += 0.1
			}
			consider(e.URL, s, rank)
		}
		if bestURL != "" {
			f.PostURL = bestURL
			f.MatchScore = math.Round(bestScore*1000) / 1000
			for _, e := range embeds {
				if e.URL == bestURL {
					f.Speaker = fullerSpeaker(f.Speaker, e)
					break
				}
			}
		}
	}
}

func overlaps(a0, a1, b0, b1 int) bool { return a0 < b1 && b0 < a1 }

// normalizeForMatch lower-cases s and keeps only its words: punctuation,
// ellipses, emoji, links and hashtag marks become single spaces.
func normalizeForMatch(s string) string {
	var b strings.Builder
	space := false
	for _, w := range strings.Fields(s) {
		lw := strings.ToLower(w)
		if strings.HasPrefix(lw, "http://") || strings.HasPrefix(lw, "https://") || strings.HasPrefix(lw, "pic.twitter.com/") || strings.HasPrefix(lw, "t.co/") {
			continue
		}
		for _, r := range lw {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteRune(r)
				continue
			}
			if r == '\'' || r == '’' {
				continue // don't = dont
			}
			space = true
		}
		space = true
	}
	return b.String()
}

// similarity scores how well quote q (normalised) matches post text p
// (normalised): 1 when equal or when a quote of some length is a stretch of
// the post, otherwise 1 - edit distance / length against the best stretch
// of the post of about the quote's length.
func similarity(q, p string) float64 { return postText(p).similarity(q) }

// matchText is a post's normalised text with its words, split once per
// post rather than once per quote.
type matchText struct {
	text   string
	spaced string // " text ", for whole-word containment
	words  []string
	set    map[string]bool
}

func postText(p string) matchText {
	m := matchText{text: p, spaced: " " + p + " ", words: strings.Fields(p)}
	m.set = make(map[string]bool, len(m.words))
	for _, w := range m.words {
		m.set[w] = true
	}
	return m
}

// similarity of normalised quote text q to the post.
func (m matchText) similarity(q string) float64 {
	p, pw := m.text, m.words
	if q == "" || p == "" {
		return 0
	}
	if q == p {
		return 1
	}
	qr := []rune(q)
	qw := strings.Fields(q)
	if len(qr) >= 12 && len(qw) >= 3 && strings.Contains(m.spaced, " "+q+" ") {
		return 1
	}
	if !m.sharesWords(qw) {
		return 0
	}
	best := ratio(q, p)
	if len(qr) < 12 || len(qw) < 3 {
		// too short to be found inside a longer post by chance alone
		return best
	}
	if len(pw) > len(qw)+2 && len(qw) <= 80 {
		// a stretch of the post: windows of the quote's word count, ±1
		for n := max(1, len(qw)-1); n <= len(qw)+1; n++ {
			for i := 0; i+n <= len(pw); i++ {
				if pw[i] != qw[0] && pw[i+n-1] != qw[len(qw)-1] {
					continue
				}
				best = math.Max(best, ratio(q, strings.Join(pw[i:i+n], " ")))
			}
		}
	}
	return best
}

// sharesWords: at least half of the quote's words occur in the post.
func (m matchText) sharesWords(qw []string) bool {
	n := 0
	for _, w := range qw {
		if m.set[w] {
			n++
		}
	}
	return 2*n >= len(qw)
}

func ratio(a, b string) float64 {
	la, lb := len([]rune(a)), len([]rune(b))
	m := max(la, lb)
	if m == 0 {
		return 0
	}
	return 1 - float64(levenshtein.ComputeDistance(a, b))/float64(m)
}

// speakerIsAuthor reports whether a quote's speaker names a post's author:
// a word of the name (3 letters or more) is a word of the author's name or
// part of the handle (Nayib Bukele <-> @nayibbukele).
// fullerSpeaker names a speaker known only by surname ("Reyes") by the
// post author's full name ("Tom Reyes") when the quote is tied to that
// author's post and the names agree.
func fullerSpeaker(speaker string, e archive.Embed) string {
	if strings.Contains(speaker, " ") || speaker == "" {
		return speaker
	}
	words := strings.Fields(e.AuthorName)
	for len(words) > 0 && isTitleWord(strings.TrimSuffix(strings.ToLower(words[0]), ".")) {
		words = words[1:]
	}
	if len(words) < 2 || len(words) > 4 || !strings.EqualFold(words[len(words)-1], speaker) {
		return speaker
	}
	return strings.Join(words, " ")
}

func speakerIsAuthor(speaker string, e archive.Embed) bool {
	if speaker == "" || (e.AuthorName == "" && e.AuthorHandle == "") {
		return false
	}
	author := " " + normalizeForMatch(e.AuthorName) + " "
	handle := strings.ToLower(e.AuthorHandle)
	for _, w := range strings.Fields(normalizeForMatch(speaker)) {
		if len([]rune(w)) < 3 || leadingDrop[w] || isTitleWord(w) {
			continue
		}
		if strings.Contains(author, " "+w+" ") || (len(w) >= 4 && strings.Contains(handle, w)) {
			return true
		}
	}
	return false
}
