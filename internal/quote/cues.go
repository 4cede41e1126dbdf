package quote

import "strings"

// speechVerbs lists the plain verbs of saying with their inflected forms.
var speechVerbs = []string{
	"say says said saying",
	"tell tells told telling",
	"write writes wrote writing written",
	"add adds added adding",
	"post posts posted posting",
	"tweet tweets tweeted tweeting retweeted",
	"state states stated stating",
	"note notes noted noting",
	"explain explains explained explaining",
	"ask asks asked asking",
	"continue continues continued continuing",
	"recall recalls recalled recalling",
	"argue argues argued arguing",
	"insist insists insisted insisting",
	"claim claims claimed claiming",
	"declare declares declared declaring",
	"announce announces announced announcing",
	"reply replies replied replying",
	"respond responds responded responding",
	"answer answers answered answering",
	"warn warns warned warning",
	"stress stresses stressed stressing",
	"remark remarks remarked remarking",
	"observe observes observed observing",
	"acknowledge acknowledges acknowledged acknowledging",
	"admit admits admitted admitting",
	"suggest suggests suggested suggesting",
	"joke jokes joked joking",
	"quip quips quipped quipping",
	"shout shouts shouted shouting",
	"yell yells yelled yelling",
	"scream screams screamed screaming",
	"chant chants chanted chanting",
	"sing sings sang singing sung",
	"testify testifies testified testifying",
	"conclude concludes concluded concluding",
	"complain complains complained complaining",
	"concede concedes conceded conceding",
	"counter counters countered countering",
	"emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised",
}

// moreSpeechVerbs attribute too, but yield to a plain verb of saying in
// the same sentence ("Trump said that Clinton described it as ...").
var moreSpeechVerbs = []string{
	"predict predicts predicted predicting",
	"promise promises promised promising",
	"vow vows vowed vowing",
	"urge urges urged urging",
	"caution cautions cautioned cautioning",
	"report reports reported reporting",
	"read reads",
	"describe describes described describing",
	"call calls called calling",
	"label labels labeled labelled labeling labelling",
	"dub dubs dubbed dubbing",
	"blast blasts blasted blasting",
	"slam slams slammed slamming",
	"condemn condemns condemned condemning",
	"praise praises praised praising",
	"pledge pledges pledged pledging",
	"boast boasts boasted boasting",
	"brag brags bragged bragging",
	"laugh laughs laughed laughing",
	"muse muses mused musing",
	"demand demands demanded demanding",
	"lament laments lamented lamenting",
	"allege alleges alleged alleging",
	"contend contends contended contending",
	"maintain maintains maintained maintaining",
	"confirm confirms confirmed confirming",
	"deny denies denied denying",
	"accuse accuses accused accusing",
	"charge charges charged charging",
	"recount recounts recounted recounting",
	"exclaim exclaims exclaimed exclaiming",
	"whisper whispers whispered whispering",
	"mutter mutters muttered muttering",
	"scoff scoffs scoffed scoffing",
	"retort retorts retorted retorting",
	"rule rules ruled ruling",
	"assert asserts asserted asserting",
	"proclaim proclaims proclaimed proclaiming",
	"opine opines opined opining",
	"reiterate reiterates reiterated reiterating",
	"plead pleads pleaded pled pleading",
	"beg begs begged begging",
	"wonder wonders wondered wondering",
	"threaten threatens threatened threatening",
	"tout touts touted touting",
	"decry decries decried decrying",
	"dismiss dismisses dismissed dismissing",
	"mock mocks mocked mocking",
	"criticize criticizes criticized criticizing criticise criticised",
	"encourage encourages encouraged encouraging",
	"cite cites cited citing",
	"rate rates rated rating",
	"characterize characterizes characterized characterizing",
	"brand brands branded branding",
	"reflect reflects reflected reflecting",
	"agree agrees agreed agreeing",
	"disagree disagrees disagreed disagreeing",
	"snap snaps snapped snapping",
	"fume fumes fumed fuming",
	"chide chides chided chiding",
	"thunder thunders thundered",
	"tease teases teased teasing",
	"sneer sneers sneered",
	"hail hails hailed hailing",
	"admonish admonishes admonished",
	"advise advises advised advising",
	"instruct instructs instructed",
	"reveal reveals revealed revealing",
	"recommend recommends recommended",
	"inform informs informed informing",
	"question questions questioned questioning",
	"query queries queried",
	"interject interjects interjected",
	"interrupt interrupts interrupted",
	"reason reasons reasoned reasoning",
	"assure assures assured assuring",
	"swear swears swore sworn",
	"insinuate insinuates insinuated",
	"quote quotes quoted quoting",
	"headline headlines headlined",
	"caption captioned",
	"message messages messaged messaging",
	"text texts texted texting",
	"email emails emailed emailing",
	"share shares shared sharing",
	"publish publishes published publishing",
	"broadcast broadcasts",
	"comment comments commented commenting",
	"elaborate elaborates elaborated elaborating",
	"summarize summarizes summarized",
	"pointed",
	"describes",
	"find finds found",
	"show shows showed",
}

// cues holds every form of every speech verb; participles the -ing forms
// ("Bukele reacted on social media, posting: ..."), whose speaker is the
// clause's subject; strongCues the plain verbs of saying, which attribute a
// whole quotation placed right before or after them ("...," said X).
var cues, participles, strongCues = buildCues()

func buildCues() (all, ing, strong map[string]bool) {
	all, ing, strong = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, list := range [][]string{speechVerbs, moreSpeechVerbs} {
		for _, line := range list {
			for _, w := range strings.Fields(line) {
				all[w] = true
				if strings.HasSuffix(w, "ing") {
					ing[w] = true
				}
				if i == 0 {
					strong[w] = true
				}
			}
		}
	}
	return all, ing, strong
}

func isCue(w string) bool { return cues[w] }

// determiners make the word after them a noun ("a report", "the call").
var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "his": true, "her": true, "their": true, "its": true,
	"this": true, "that": true, "these": true, "those": true, "our": true, "my": true, "your": true,
	"whose": true, "any": true, "every": true, "each": true, "no": true, "some": true,
}

// auxiliaries and adverbs that may sit between a speaker and a cue
// ("Trump has also said", "He ’s claiming").
var betweenSubjectAndCue = map[string]bool{
	"also": true, "then": true, "later": true, "has": true, "have": true, "had": true,
	"is": true, "was": true, "were": true, "are": true, "would": true, "will": true, "'s": true,
	"’s": true, "once": true, "previously": true, "repeatedly": true, "recently": true,
	"often": true, "frequently": true, "publicly": true, "privately": true, "reportedly": true,
	"allegedly": true, "simply": true, "quickly": true, "again": true, "further": true,
	"still": true, "even": true, "just": true, "earlier": true, "subsequently": true,
	"did": true, "does": true, "do": true, "been": true, "famously": true,
	"bluntly": true, "flatly": true, "angrily": true, "sarcastically": true, "openly": true,
	"calmly": true, "softly": true, "firmly": true, "finally": true, "immediately": true,
	"herself": true, "himself": true, "themselves": true, "itself": true,
	"could": true, "might": true, "may": true, "must": true, "should": true, "can": true,
	"not": true, "never": true, "always": true, "since": true,
	"first": true, "initially": true, "officially": true, "directly": true, "personally": true,
	"proudly": true, "jokingly": true, "tearfully": true, "emphatically": true, "simultaneously": true,
}

// isBetween reports whether token j may sit between a speaker and the cue:
// an auxiliary, or a lower-case adverb in -ly ("reacted sarcastically").
func (d *doc) isBetween(j int) bool {
	t := d.toks[j]
	if !t.isWord() || t.capitalized() && !betweenSubjectAndCue[t.lower] {
		return false
	}
	return betweenSubjectAndCue[t.lower] || len(t.lower) > 4 && strings.HasSuffix(t.lower, "ly")
}
