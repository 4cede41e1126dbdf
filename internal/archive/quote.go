package archive

// Quote is one attributed direct quotation in an article's body text.
// Offsets count Unicode code points into the Extraction's Body, end
// exclusive.
type Quote struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Speaker is the resolved name ("Lee Gelernt", "Venezuela's foreign
	// ministry"); empty when no speaker was found.
	Speaker string `json:"speaker"`
	// SpeakerMention is the mention that attributes this quote in its own
	// attribution (a pronoun, a surname or a full name), at
	// [SpeakerStart, SpeakerEnd) in Body; -1 offsets when there is none.
	SpeakerMention string `json:"speaker_mention"`
	SpeakerStart   int    `json:"speaker_start"`
	SpeakerEnd     int    `json:"speaker_end"`
	// Cue is the word or mark that introduces the quote: "said",
	// "posting", ":".
	Cue string `json:"cue"`
	// PostURL is the canonical URL of the post the quote comes from, when
	// it was tied to one; MatchScore (0..1) says how well it matched.
	PostURL    string  `json:"post_url,omitempty"`
	MatchScore float64 `json:"match_score,omitempty"`
}
