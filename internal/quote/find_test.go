package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/sharedtest"
)

// want is one expected quote: the words it must hold, its speaker, the
// mention that attributes it and its cue ("" = not checked).
type want struct {
	holds   string
	speaker string
	mention string
	cue     string
}

func TestFindPatterns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"said after, name and role",
			"“The ferry timetable was never the council’s to cut,” said Dana Okafor, the union’s chief negotiator.",
			[]want{{"ferry timetable", "Dana Okafor", "Dana Okafor", "said"}}},
		{"name before said",
			"“We will appeal the ruling today,” Gelernt said.",
			[]want{{"We will appeal", "Gelernt", "Gelernt", "said"}}},
		{"says",
			"“The numbers are moving our way,” says pollster Ann Selzer.",
			[]want{{"numbers are moving", "Ann Selzer", "pollster Ann Selzer", "says"}}},
		{"told, speaker before, colon",
			"Trump told reporters: “We are going to win this state easily.”",
			[]want{{"going to win", "Trump", "Trump", "told"}}},
		{"wrote",
			"“The order is binding on the government,” Judge James E. Boasberg wrote.",
			[]want{{"order is binding", "James E. Boasberg", "", "wrote"}}},
		{"posting with colon (the seed's form)",
			"Bukele, a close ally of Trump, reacted sarcastically on social media, posting:\n\n“Oopsie, too late.”",
			[]want{{"Oopsie, too late.", "Bukele", "Bukele", "posting"}}},
		{"according to",
			"According to the mayor, “the city has never been safer than it is now.”",
			[]want{{"the city has never", "the mayor", "the mayor", "according to"}}},
		{"dash",
			"“Maybe we can build a wall around him.” ― Steve Quinlan",
			[]want{{"build a wall", "Steve Quinlan", "Steve Quinlan", "―"}}},
		{"dash on the next line",
			"“We build what others only promise.”\n— Jane Doe, chief executive of Acme",
			[]want{{"We build", "Jane Doe", "Jane Doe", "—"}}},
		{"a name before a lower-case head is a description",
			"“We are studying the proposal carefully,” a State Department spokesperson said.",
			[]want{{"studying the proposal", "a State Department spokesperson", "a State Department spokesperson", "said"}}},
		{"according to a statement from an organisation",
			"According to a statement from the Kremlin, Putin and Xi “agreed to deepen cooperation.”",
			[]want{{"agreed to deepen", "the Kremlin", "a statement from the Kremlin", "according to"}}},
		{"it resolves to the organisation that spoke last",
			"“We reject the ruling,” the foreign ministry said on Monday. “It is a violation of international law,” it added.",
			[]want{{"reject the ruling", "the foreign ministry", "the foreign ministry", "said"}, {"violation", "the foreign ministry", "it", "added"}}},
		{"said in a statement, organisation",
			"“These removals break every promise of due process,” Venezuela’s foreign ministry said in a statement.",
			[]want{{"due process", "Venezuela’s foreign ministry", "Venezuela’s foreign ministry", "said in a statement"}}},
		{"organisation with article",
			"“The president has full confidence in the team,” the White House said Monday.",
			[]want{{"full confidence", "the White House", "", "said"}}},
		{"title stripped from the name",
			"Salvadoran President Nayib Bukele said: “We will keep them here as long as needed.”",
			[]want{{"keep them here", "Nayib Bukele", "", "said"}}},
		{"pronoun resolves to the last compatible person",
			"Hillary Clinton met Bernie Sanders on Monday.\n\n“We agree on far more than we disagree,” she said.",
			[]want{{"We agree", "Hillary Clinton", "she", "said"}}},
		{"pronoun skips an incompatible person",
			"Senator Elizabeth Warren questioned Mr. Stumpf for an hour.\n\n“You should resign and give back the money,” she said.",
			[]want{{"You should resign", "Elizabeth Warren", "she", "said"}}},
		{"pronoun resolves to a speaker whose given name is unknown",
			"Mayor Tom Reyes backed the cut. Local historian Priya Natarajan, who has written about the crossing, said the vote mattered.\n\n“The ferry has run every night since 1911,” she said.",
			[]want{{"every night since 1911", "Priya Natarajan", "she", "said"}}},
		{"surname resolves to the full name given earlier",
			"Democratic pollster Pat Caddell appeared on the show.\n\n“This is in their heads,” said Caddell.",
			[]want{{"in their heads", "Pat Caddell", "Caddell", "said"}}},
		{"split quote",
			"“One of the things I am surprised about,” said Caddell. “Yesterday, there were two polls.”",
			[]want{{"surprised about", "Caddell", "Caddell", "said"}, {"two polls", "Caddell", "Caddell", "said"}}},
		{"split quote with a comma",
			"“By locking in China,” Mr. Obama said, “it now allowed me to go to India.”",
			[]want{{"locking in China", "Obama", "Mr. Obama", "said"}, {"go to India", "Obama", "Mr. Obama", "said"}}},
		{"floating quote keeps the last speaker",
			"“It’s gutless leadership,” Warren said.\n\n“You should be criminally investigated for what happened here.”",
			[]want{{"gutless", "Warren", "Warren", "said"}, {"criminally investigated", "Warren", "Warren", "said"}}},
		{"partial quote inside reported speech",
			"The judge called the flights “lawful” in a short ruling.",
			[]want{{"“lawful”", "the judge", "The judge", "called"}}},
		{"partial quotes of one clause are one quote",
			"Trump tweeted that Machado was “disgusting” and “a con” before dawn.",
			[]want{{"“disgusting” and “a con”", "Trump", "Trump", "tweeted"}}},
		{"scare quote without a speaker is not a quote",
			"The so-called “deal” collapsed on Friday.",
			nil},
		{"title without a speaker is not a quote",
			"He appeared on “Fox News Sunday” this weekend.",
			nil},
		{"quote across paragraphs",
			"“The first part of the answer is long and runs on.\n\n“The second part ends it,” she said, according to notes.",
			[]want{{"The second part ends it", "", "she", "said"}}},
		{"straight quotes open and close by context",
			"\"We are not going anywhere,\" Smith said. He called the plan \"dead on arrival.\"",
			[]want{{"not going anywhere", "Smith", "Smith", "said"}, {"dead on arrival", "Smith", "He", "called"}}},
		{"low-high marks",
			"„We will not give up,“ said Anna Schmidt.",
			[]want{{"We will not give up", "Anna Schmidt", "Anna Schmidt", "said"}}},
		{"guillemets",
			"«We are ready for the vote,» said Marine Le Pen.",
			[]want{{"ready for the vote", "Marine Le Pen", "Marine Le Pen", "said"}}},
		{"spaced French guillemets",
			"« We are ready for the vote », said Marine Le Pen.",
			[]want{{"ready for the vote", "Marine Le Pen", "Marine Le Pen", "said"}}},
		{"single guillemets",
			"‹Never again in this city,› said the mayor.",
			[]want{{"Never again", "the mayor", "the mayor", "said"}}},
		{"single quotes at top level",
			"‘We will win the next one,’ said Johnson.",
			[]want{{"We will win", "Johnson", "Johnson", "said"}}},
		{"single-mark house style with a title in double marks",
			"The minister appeared on the programme “Sunday Politics”.\n\n‘We will not raise taxes,’ said Rachel Reeves.\n\n‘The numbers are clear,’ she added.",
			[]want{{"not raise taxes", "Rachel Reeves", "Rachel Reeves", "said"}, {"numbers are clear", "Rachel Reeves", "she", "added"}}},
		{"nested single quotes and apostrophes stay inside",
			"“He told me ‘never again’ and the Smiths’ lawyer didn’t object,” said Jones.",
			[]want{{"‘never again’ and the Smiths’ lawyer didn’t object", "Jones", "Jones", "said"}}},
		{"asked inverted",
			"“Why aren’t I fifty points ahead?” asked Clinton.",
			[]want{{"fifty points", "Clinton", "Clinton", "asked"}}},
		{"title only, told with colon",
			"The Prime Minister told MPs: \"We will act on this before the summer recess.\"",
			[]want{{"We will act", "the Prime Minister", "The Prime Minister", "told"}}},
		{"description with a prepositional phrase",
			"\"This is wrong and we will appeal,\" a spokesperson for the department said.",
			[]want{{"we will appeal", "a spokesperson for the department", "a spokesperson for the department", "said"}}},
		{"appositive with a possessive role",
			"\"There is no evidence of that whatsoever,\" Dr. Anthony Fauci, the nation's top infectious disease expert, said Tuesday.",
			[]want{{"no evidence", "Anthony Fauci", "Dr. Anthony Fauci", "said"}}},
		{"party tag in parentheses",
			"\"It's a disaster,\" Senator Lindsey Graham (R-S.C.) said on Fox News.",
			[]want{{"disaster", "Lindsey Graham", "Senator Lindsey Graham", "said"}}},
		{"opening adverbial before the speaker",
			"In a post on X, Musk wrote: \"This is the best day of my life so far.\"",
			[]want{{"best day", "Musk", "Musk", "wrote"}}},
		{"dash with a role",
			"“Not now, not ever.” — Jane Doe, chief executive of Acme",
			[]want{{"Not now", "Jane Doe", "Jane Doe", "—"}}},
		{"partial quote after said in a statement that",
			"Police said in a statement that the suspect \"was known to officers\" before the attack.",
			[]want{{"\"was known to officers\"", "Police", "Police", "said in a statement"}}},
		{"nickname inside a name is not a quote",
			"\"The nation is watching us,\" state Del. Marcia \"Cia\" Price shouted to the crowd.",
			[]want{{"The nation is watching", "", "Del. Marcia \"Cia\" Price", "shouted"}}},
		{"tweeted with colon",
			"Trump tweeted: “Crooked Hillary is the worst candidate ever!”",
			[]want{{"Crooked Hillary", "Trump", "Trump", "tweeted"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindText(tt.text)
			checkOffsets(t, tt.text, got)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quotes, want %d: %s", len(got), len(tt.want), show(got))
			}
			for i, w := range tt.want {
				q := got[i]
				if !strings.Contains(q.Text, w.holds) {
					t.Errorf("quote %d = %q, want it to hold %q", i, q.Text, w.holds)
				}
				if w.speaker != "" && q.Speaker != w.speaker {
					t.Errorf("quote %d speaker = %q, want %q", i, q.Speaker, w.speaker)
				}
				if w.mention != "" && q.SpeakerMention != w.mention {
					t.Errorf("quote %d mention = %q, want %q", i, q.SpeakerMention, w.mention)
				}
				if w.cue != "" && q.Cue != w.cue {
					t.Errorf("quote %d cue = %q, want %q", i, q.Cue, w.cue)
				}
			}
		})
	}
}

// checkOffsets: every quote's text and mention are the body's code points
// at their offsets.
func checkOffsets(t *testing.T, body string, qs []archive.Quote) {
	t.Helper()
	rs := []rune(body)
	for _, q := range qs {
		if q.Start < 0 || q.End > len(rs) || q.Start >= q.End || string(rs[q.Start:q.End]) != q.Text {
			t.Errorf("quote %q at [%d,%d) does not match the body", q.Text, q.Start, q.End)
		}
		if q.SpeakerStart >= 0 {
			if q.SpeakerEnd > len(rs) || q.SpeakerStart >= q.SpeakerEnd || string(rs[q.SpeakerStart:q.SpeakerEnd]) != q.SpeakerMention {
				t.Errorf("mention %q at [%d,%d) does not match the body", q.SpeakerMention, q.SpeakerStart, q.SpeakerEnd)
			}
		} else if q.SpeakerMention != "" || q.SpeakerEnd != -1 {
			t.Errorf("quote %q: mention %q without offsets", q.Text, q.SpeakerMention)
		}
	}
}

func show(qs []archive.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("\n  " + q.Text + " | " + q.Speaker + " | " + q.SpeakerMention + " | " + q.Cue)
	}
	return b.String()
}

// TestSeedArticle runs on the article this project began from.
func TestSeedArticle(t *testing.T) {
	dir := sharedtest.Dir(t, "articles")
	raw, err := os.ReadFile(filepath.Join(dir, "venezuelan-migrants-cecot.txt"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(raw)
	got := FindText(body)
	checkOffsets(t, body, got)
	wants := []want{
		{"“Oopsie, too late.”", "Nayib Bukele", "Bukele", "posting"},
		{"“We asked the government", "Lee Gelernt", "Lee Gelernt", "said"},
		{"“This evokes the darkest", "Venezuela’s foreign ministry", "Venezuela’s foreign ministry", "said in a statement"},
	}
	for _, w := range wants {
		var q *archive.Quote
		for i := range got {
			// the seed's wording stays in ../shared: a quote is known by
			// how it begins
			if strings.HasPrefix(got[i].Text, w.holds) {
				q = &got[i]
			}
		}
		if q == nil {
			t.Errorf("no quote %s in%s", w.holds, show(got))
			continue
		}
		if q.Speaker != w.speaker || q.SpeakerMention != w.mention || q.Cue != w.cue {
			t.Errorf("%s: speaker %q mention %q cue %q, want %q %q %q", w.holds, q.Speaker, q.SpeakerMention, q.Cue, w.speaker, w.mention, w.cue)
		}
	}
	for _, q := range got {
		if strings.Contains(q.Text, "invading force") && q.Speaker != "" {
			t.Errorf("scare quote %q reported with speaker %q", q.Text, q.Speaker)
		}
	}
}

// TestOtherLanguages: other scripts and languages never crash, keep offsets
// right, and get a speaker only where an English pattern holds.
func TestOtherLanguages(t *testing.T) {
	texts := map[string]string{
		"german":   "„Das ist ein guter Tag für Europa“, sagte Merkel am Montag. »Wir schaffen das«, fügte sie hinzu.",
		"french":   "« Nous sommes prêts », a déclaré le ministre. Il a ajouté : « Rien n’est exclu. »",
		"spanish":  "«Estamos listos para la votación», dijo el presidente. —No hay marcha atrás —añadió.",
		"chinese":  "他说：「我们已经准备好了。」随后离开了会场。『引用』",
		"japanese": "首相は「必要な措置を取る」と述べた。",
		"russian":  "«Мы готовы к переговорам», — заявил министр. „Это не так“",
		"arabic":   "وقال الوزير: «نحن مستعدون للحوار».",
		"polish":   "„Nie poddamy się” – powiedział premier.",
		"broken":   "\"\"\" '' “ ” ‘ ’ « » „ ‹ › \n\n\" unbalanced “ open\n\n” close ’",
		"empty":    "",
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			got := FindText(text)
			checkOffsets(t, text, got)
			for _, q := range got {
				if q.Speaker != "" {
					t.Errorf("quote %q got speaker %q from no English pattern", q.Text, q.Speaker)
				}
			}
		})
	}
}
