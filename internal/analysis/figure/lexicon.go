package figure

import (
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// The word lists below are read-only after initialisation.

// smallNumbers are the number words below a hundred.
var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// scales are the multiplier words after a number ("6.5 billion").
var scales = map[string]float64{
	"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"mln": 1e6, "bln": 1e9, "bn": 1e9, "tn": 1e12, "mn": 1e6,
}

// vague are the plural number words that give only an order of magnitude,
// with the range they are read as. The upper bounds are generous on purpose:
// "thousands" is said of 85,000 as readily as of 3,000.
var vague = map[string][2]float64{
	"dozens":    {24, 150},
	"scores":    {40, 400},
	"hundreds":  {200, 10000},
	"thousands": {2000, 100000},
	"millions":  {2e6, 1e8},
	"billions":  {2e9, 1e11},
	"trillions": {2e12, 1e14},
}

// timeWords follow a number that is a clock time ("1100 AM EST").
var timeWords = map[string]bool{
	"am": true, "pm": true, "a": true, "p": true, "gmt": true, "bst": true, "est": true, "edt": true, "et": true,
	"pdt": true, "pst": true, "cet": true, "cest": true, "utc": true, "local": true, "hrs": true, "ist": true, "cst": true, "mst": true, "mdt": true, "cdt": true, "pt": true, "o'clock": true,
}

// approximators read a number as a range. Keys are lower-case word
// sequences found right before the number; the function maps the value to
// [low, high].
type approx struct {
	words string
	kind  Approx
	rng   func(v float64) (float64, float64)
}

func around(v float64) (float64, float64) {
	d := max(v*0.1, 1)
	if v < 1 {
		d = v * 0.1
	}
	return v - d, v + d
}

// approximators are tried longest first.
var approximators = []approx{
	{"as many as", UpTo, func(v float64) (float64, float64) { return v * 0.5, v }},
	{"in excess of", Over, func(v float64) (float64, float64) { return v, v * 1.25 }},
	{"no more than", UpTo, func(v float64) (float64, float64) { return v * 0.5, v }},
	{"more than", Over, func(v float64) (float64, float64) { return v, v * 1.25 }},
	{"greater than", Over, func(v float64) (float64, float64) { return v, v * 1.25 }},
	{"less than", Under, func(v float64) (float64, float64) { return v * 0.75, v }},
	{"fewer than", Under, func(v float64) (float64, float64) { return v * 0.75, v }},
	{"at least", AtLeast, func(v float64) (float64, float64) { return v, v * 10 }},
	{"at most", UpTo, func(v float64) (float64, float64) { return v * 0.5, v }},
	{"up to", UpTo, func(v float64) (float64, float64) { return v * 0.5, v }},
	{"upwards of", Over, func(v float64) (float64, float64) { return v, v * 1.25 }},
	{"close to", Nearly, func(v float64) (float64, float64) { return v * 0.9, v }},
	{"just over", Over, func(v float64) (float64, float64) { return v, v * 1.1 }},
	{"just under", Nearly, func(v float64) (float64, float64) { return v * 0.9, v }},
	{"well over", Over, func(v float64) (float64, float64) { return v * 1.1, v * 2 }},
	{"an estimated", About, around},
	{"some", About, around},
	{"around", About, around},
	{"about", About, around},
	{"approximately", About, around},
	{"approx", About, around},
	{"roughly", About, around},
	{"circa", About, around},
	{"estimated", About, around},
	{"nearly", Nearly, func(v float64) (float64, float64) { return v * 0.9, v }},
	{"almost", Nearly, func(v float64) (float64, float64) { return v * 0.9, v }},
	{"over", Over, func(v float64) (float64, float64) { return v, v * 1.25 }},
	{"above", Over, func(v float64) (float64, float64) { return v, v * 1.25 }},
	{"exceeding", Over, func(v float64) (float64, float64) { return v, v * 1.25 }},
	{"under", Under, func(v float64) (float64, float64) { return v * 0.75, v }},
	{"below", Under, func(v float64) (float64, float64) { return v * 0.75, v }},
}

// incrementWords mark a figure as an addition to an earlier one ("10 more
// people", "an additional 10 individuals").
var incrementWords = map[string]bool{"more": true, "additional": true, "another": true, "further": true, "extra": true}

// anaphoric determiners before a small number word refer back ("the two
// men"): such numbers are not figures.
var anaphoric = map[string]bool{
	"the": true, "these": true, "those": true, "both": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "your": true, "all": true, "first": true, "last": true, "other": true,
}

// determiners skipped when looking for the verb before a number.
var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "some": true, "another": true, "additional": true, "estimated": true,
	"its": true, "his": true, "her": true, "their": true, "nearly": true, "about": true, "around": true, "over": true,
	"than": true, "more": true, "least": true, "at": true, "almost": true, "approximately": true, "roughly": true,
	"up": true, "to": true, "of": true, "just": true, "well": true, "fewer": true, "less": true,
}

// auxiliaries skipped when looking for the verb after a noun phrase.
var auxiliaries = map[string]bool{
	"have": true, "has": true, "had": true, "been": true, "be": true, "being": true, "were": true, "was": true,
	"are": true, "is": true, "will": true, "would": true, "could": true, "may": true, "might": true, "reportedly": true,
	"now": true, "also": true, "all": true, "still": true, "already": true,
}

// stems returns the set of stems of the given words.
func stems(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[text.Stem(w)] = true
	}
	return m
}

// personNouns are the heads of noun phrases that count people.
var personNouns = stems(`people person persons man men woman women child children kid kids boy boys girl girls adult adults
	migrant migrants immigrant immigrants emigrant deportee deportees detainee detainees prisoner prisoners inmate inmates
	member members individual individuals citizen citizens resident residents national nationals refugee refugees
	worker workers employee employees staff soldier soldiers troop troops officer officers policeman policemen victim victims
	casualty casualties student students patient patients passenger passengers killer killers criminal criminals alien aliens
	suspect suspects civilian civilians protester protesters protestors demonstrator demonstrators voter voters viewer viewers
	fan fans spectator spectators tourist tourists visitor visitors journalist journalists reporter reporters doctor doctors
	nurse nurses firefighter firefighters survivor survivors hostage hostages body bodies dead injured wounded asylum-seekers
	seeker seekers gangster gangsters rapist rapists murderer murderers terrorist terrorists fighter fighters militant militants
	president presidents leader leaders official officials minister ministers
	player players athlete athletes delegate delegates lawmaker lawmakers senator senators supporter supporters attendee attendees
	resident residents household households family families crew customer customers user users subscriber subscribers`)

// unitNouns map the stem of a unit noun to the unit it gives a figure.
var unitNouns = func() map[string]string {
	m := map[string]string{}
	add := func(unit, words string) {
		for w := range stems(words) {
			m[w] = unit
		}
	}
	add(UnitYears, "year years")
	add(UnitMonths, "month months")
	add(UnitWeeks, "week weeks")
	add(UnitDays, "day days")
	add(UnitHours, "hour hours")
	add(UnitMinutes, "minute minutes")
	add("decades", "decade decades")
	add(UnitPercent, "percent pct")
	add(UnitUSD, "dollar dollars")
	add("EUR", "euro euros")
	add("miles", "mile miles")
	add("km", "kilometre kilometres kilometer kilometers km")
	add("metres", "metre metres meter meters")
	add("feet", "foot feet")
	add("acres", "acre acres")
	add("hectares", "hectare hectares")
	add("tonnes", "ton tons tonne tonnes")
	add("kg", "kilogram kilograms kg")
	add("mph", "mph")
	return m
}()

// durationUnits are the units of time spans.
var durationUnits = map[string]bool{UnitYears: true, UnitMonths: true, UnitWeeks: true, UnitDays: true, UnitHours: true, UnitMinutes: true, "decades": true}

// verbClasses map the stem of a verb (or of its event noun) to the class of
// event it reports, so that "deported", "sent" and "accepted" compare.
var verbClasses = func() map[string]string {
	m := map[string]string{}
	add := func(class, words string) {
		for w := range stems(words) {
			m[w] = class
		}
	}
	add("deport", `deport deported deporting deportation deportations send sent sending expel expelled expulsion remove removed
		removal transfer transferred fly flown flew accept accepted receive received return returned repatriate repatriated
		extradite extradited ship shipped`)
	add("detain", `arrest arrested arrests detain detained detention jail jailed imprison imprisoned imprisoning incarcerate
		incarcerated lock locked hold held capture captured round rounded house housed`)
	add("kill", `kill killed killing die died dying dead death deaths slain murder murdered perish perished fatality fatalities`)
	add("injure", `injure injured injuring wound wounded hurt shot shoot hospitalise hospitalised hospitalize hospitalized`)
	add("evacuate", `evacuate evacuated evacuation displace displaced flee fled`)
	add("rescue", `rescue rescued save saved`)
	add("free", `free freed release released liberate liberated`)
	add("pay", `pay paid payment cost costs spend spent`)
	add("export", `export exported exports`)
	add("import", `import imported imports`)
	add("vote", `vote voted votes elect elected re-elected`)
	add("watch", `watch watched view viewed tune tuned tuning`)
	add("enter", `enter entered cross crossed arrive arrived`)
	add("sentence", `sentence sentenced`)
	add("employ", `employ employed hire hired`)
	add("fire", `fire fired lay laid`)
	add("win", `win won`)
	add("lose", `lose lost`)
	add("sell", `sell sold`)
	add("buy", `buy bought`)
	add("raise", `raise raised`)
	add("include", `include included list listed name named`)
	return m
}()

// changeVerbs report the level a figure reached; they are skipped when
// looking for the noun a bare number measures ("the death toll rose to 12").
var changeVerbs = map[string]bool{
	"rose": true, "rise": true, "risen": true, "fell": true, "fall": true, "fallen": true, "reached": true, "reach": true,
	"stood": true, "stands": true, "climbed": true, "jumped": true, "hit": true, "totaled": true, "totalled": true,
	"topped": true, "is": true, "was": true, "at": true, "to": true, "of": true, "by": true, "about": true, "around": true,
	"be": true, "been": true, "are": true, "were": true, "put": true, "puts": true, "nearly": true, "over": true,
	"more": true, "than": true, "almost": true, "some": true, "approximately": true, "an": true, "a": true, "the": true,
	"estimated": true, "least": true,
}

// prepositions end a noun phrase; the English stop list lacks some of them.
var prepositions = text.Prepositions(text.PrepositionEndsPhrase)

// mostly introduces the make-up of a group ("hundreds of people, mostly
// Venezuelans").
var mostly = map[string]bool{"mostly": true, "mainly": true, "largely": true, "chiefly": true, "predominantly": true, "primarily": true}

// participle returns the past participle of a verb form ("sending" is
// "sent", "deport" "deported", "arrested" itself) or, for the event noun of
// a verb class ("the deportation of 10"), the participle of that class. It
// returns "" when it cannot tell, and for the words of no verb class
// (verbClasses) that are not participles already.
func participle(w, class string) string {
	switch {
	case irregularParticiple[w] || strings.HasSuffix(w, "ed"):
		return w
	case class == "":
		return "" // "morning", "following": not every -ing word is a verb of a figure
	case irregularPast[w] != "":
		return irregularPast[w]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return regularPast(strings.TrimSuffix(w, "ing"))
	case strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "sion") || strings.HasSuffix(w, "ment") || strings.HasSuffix(w, "al") || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ure"):
		return classParticiple[class]
	}
	return regularPast(w) // a base form: "deport 250 people"
}

// regularPast adds the regular past ending to a verb's base ("deport",
// "releas" of "releasing", "carry").
func regularPast(base string) string {
	switch n := len(base); {
	case n == 0:
		return ""
	case base[n-1] == 'e':
		return base + "d"
	case n > 1 && base[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(base[n-2])):
		return base[:n-1] + "ied"
	}
	return base + "ed"
}

// irregularPast are the irregular verb forms a figure's verb may take,
// with their past participle: each group lists forms, then ":" and the
// participle.
var irregularPast = func() map[string]string {
	m := map[string]string{}
	for _, group := range strings.Split(`send sends sending:sent; hold holds holding:held; take takes taking:taken;
		fly flies flying:flown; pay pays paying:paid; spend spends spending:spent; lose loses losing:lost;
		sell sells selling:sold; buy buys buying:bought; win wins winning:won; bring brings bringing:brought;
		keep keeps keeping:kept; build builds building:built; shoot shoots shooting:shot; hit hits hitting:hit;
		put puts putting:put; cut cuts cutting:cut; set sets setting:set; find finds finding:found;
		give gives giving:given; get gets getting:got; make makes making:made; leave leaves leaving:left;
		lead leads leading:led; run runs running:run; see sees seeing:seen; tell tells telling:told;
		beat beats beating:beaten; draw draws drawing:drawn; throw throws throwing:thrown; lay lays laying:laid;
		flee flees fleeing:fled; free frees freeing:freed; die dies dying:died; cost costs costing:cost;
		hurt hurts hurting:hurt; dead:dead`, ";") {
		forms, p, _ := strings.Cut(group, ":")
		for _, f := range strings.Fields(forms) {
			m[f] = p
		}
	}
	return m
}()

// classParticiple names the event of a verb class as a participle, for
// the event nouns of the class ("the deportation of 10 individuals" counts
// individuals deported).
var classParticiple = map[string]string{
	"deport": "deported", "detain": "detained", "kill": "killed", "injure": "injured", "evacuate": "evacuated",
	"rescue": "rescued", "free": "freed", "pay": "paid", "export": "exported", "import": "imported",
	"enter": "entered", "sentence": "sentenced", "employ": "employed", "fire": "fired", "sell": "sold",
	"buy": "bought", "raise": "raised",
}
