package quote

import "strings"

// titleWords precede a name and are not part of it (President Nayib
// Bukele, Sen. Warren, Judge James E. Boasberg). Compared lower-case,
// without a final period.
var titleWords = setOf(`mr mrs ms miss dr prof professor rev reverend sen senator rep representative
gov governor gen general lt col colonel sgt sergeant capt captain cmdr adm admiral atty hon
president vice prime minister premier chancellor secretary chairman chairwoman chair chairperson
speaker mayor judge justice attorney sheriff officer detective inspector superintendent chief
commissioner director ambassador pope king queen prince princess lord lady sir dame
spokesman spokeswoman spokesperson congressman congresswoman councilman councilwoman
councillor councilor leader deputy assistant minority majority whip candidate nominee
former late founder ceo coach manager lawyer host anchor correspondent pastor father sister
brother bishop cardinal rabbi imam sheikh emir sultan president-elect vice-president
house senate state chief-of-staff acting interim executive associate district federal u.s.
u.s us american republican democratic democrat gop independent libertarian green foreign
defense interior finance health labor treasury commerce homeland security press white
senior junior then-candidate then-president first presumptive presidential vice-presidential
salvadoran venezuelan mexican british french german russian chinese israeli ukrainian
sr jr mme mlle señor señora don doña herr frau monsieur madame signor dott ing lic`)

func isTitleWord(w string) bool { return titleWords[strings.TrimSuffix(w, ".")] }

// orgWords mark a capitalised run as an organisation (the White House,
// Venezuela's foreign ministry, PolitiFact).
var orgWords = setOf(`house department ministry committee commission party council times post news
network association union court office agency campaign inc corp company group center centre
institute university college foundation service bureau administration government police
reuters cnn fox nbc abc cbs msnbc npr bbc ap afp politifact journal tribune herald gazette
magazine review press daily weekly television radio channel club league federation board
senate congress parliament army navy force forces embassy consulate mission organization
organisation coalition alliance fund bank authority authorities council federal state
republicans democrats officials spokesman spokeswoman spokesperson ministry prosecutors
statement website twitter facebook instagram youtube tiktok report study poll survey
clinic hospital school church team staff`)

var pronounGender = map[string]byte{
	"he": 'm', "him": 'm', "his": 'm', "she": 'f', "her": 'f', "hers": 'f',
	"they": 'p', "them": 'p', "it": 'n', "i": 'i', "we": 'p', "you": 'i',
}

func isPronoun(w string) bool { _, ok := pronounGender[w]; return ok }

// firstNames gives the gender of common given names; it decides which
// person a pronoun can refer to.
var maleNames = setOf(`james john robert michael william david richard joseph thomas charles
christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry
justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold keith
christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan
billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell
elijah louis bobby philip johnny barack bill bernie ted mike mitt jeb marco rand chris newt
rudy lindsey mitch nancy chuck reince rush sean tucker rex jared eric hunter beto pete
nayib nicolas nicolás hugo vladimir xi emmanuel boris olaf justin benjamin volodymyr recep
narendra jair andrés andres lula luiz pedro carlos luis jorge miguel francisco alejandro diego
javier rafael manuel antonio fernando ricardo sergio eduardo roberto alberto mario oscar raúl
raul edwin steve jim tom bob dan dave tim ron ken greg jeff matt nick rob ben sam tony alex
pat lee gelernt jamie kim chris dana robin leslie tracy kelly terry jesse jackie sandy
jerome martin marvin elliot elliott bradley neil kurt hank orrin harry dick al gordon
wolf anderson lester chuck ari reggie cory kamala tim jd j.d. rick ricky mick
sheldon stanley stan warren wesley wade jake luke mitchell kirk trey devin tucker brett
hakeem kevin cornel colin ivan dmitry sergei sergey alexei mohammed muhammad ahmed ali omar
hassan ibrahim abdul yusuf mahmoud hamid bashar ayatollah ali abu moshe yitzhak ehud naftali
yair benny avigdor shinzo fumio kim moon yoon jin recep tayyip viktor matteo giuseppe silvio
mario pedro mariano enrique felipe santiago gustavo ivan ernesto`)

var femaleNames = setOf(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna
brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet
ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan
evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn
sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly
danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla
hillary chelsea melania ivanka michelle kellyanne sarah huckabee elizabeth kamala nikki
sonia ruth amy kirsten tammy dianne condoleezza madeleine hope omarosa betsy elaine loretta
nancy mazie tulsi ilhan alexandria ayanna rashida liz lisa susan marsha joni cindy
angela theresa ursula christine marine giorgia jacinda sanna greta malala
mariana carla sofia valentina camila isabel lucia paula ana rosa carmen josefina adriana
veronica verónica esther azucena karen beck krystal jacklyn sonya julie nell christina
melanie mary ava ava oprah beyonce beyoncé taylor rihanna ellen megyn katie kate
norah gretchen greta dana robin hope kay ginny gina maxine kyrsten debbie stacey
jill laura rosalynn barbara lynne lynn janet jeanine jeanne joanne`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// genderOfName guesses a person's gender from an honorific or given name;
// 0 when unknown.
func genderOfName(words []string) byte {
	for _, w := range words {
		l := strings.TrimSuffix(strings.ToLower(w), ".")
		switch l {
		case "mr", "sir", "lord", "king", "prince", "father", "brother", "señor", "herr", "monsieur", "congressman", "spokesman", "chairman", "councilman":
			return 'm'
		case "mrs", "ms", "miss", "lady", "queen", "princess", "dame", "sister", "señora", "frau", "madame", "mme", "congresswoman", "spokeswoman", "chairwoman", "councilwoman":
			return 'f'
		}
		if isTitleWord(l) {
			continue
		}
		m, f := maleNames[l], femaleNames[l]
		switch {
		case m && !f:
			return 'm'
		case f && !m:
			return 'f'
		}
		return 0
	}
	return 0
}
