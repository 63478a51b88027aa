package entity

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// The word lists below are read-only sets built once; nothing writes to
// them after initialisation. Keys are folded (lower case, no diacritics,
// no periods).

// set builds a read-only set of folded phrases.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// titles are person titles and honorifics, single or several words, that
// stand before a name ("Mr", "President", "Secretary of State"). The value
// of a multiword title is found by longest match.
var titles = set(
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord",
	"rev", "reverend", "father", "pastor", "rabbi", "imam", "bishop", "archbishop", "cardinal", "pope",
	"president", "vice president", "president-elect", "former president", "prime minister", "premier", "chancellor",
	"king", "queen", "prince", "princess", "emperor", "sheikh", "crown prince",
	"secretary", "secretary of state", "secretary of defense", "secretary of homeland security", "defense secretary",
	"homeland security secretary", "foreign secretary", "home secretary", "press secretary", "treasury secretary",
	"secretary-general", "secretary general", "attorney general", "solicitor general", "surgeon general", "inspector general",
	"minister", "foreign minister", "defence minister", "defense minister", "interior minister", "finance minister",
	"senator", "sen", "representative", "rep", "congressman", "congresswoman", "speaker", "house speaker",
	"state senator", "state representative", "assemblyman", "assemblywoman", "assembly member",
	"council member", "councilmember", "city council member", "city councilman", "city councilwoman",
	"governor", "gov", "lt gov", "lieutenant governor", "mayor", "councilman", "councilwoman", "councillor", "alderman",
	"judge", "justice", "chief justice", "district judge", "magistrate", "prosecutor", "district attorney", "attorney",
	"city attorney", "county attorney", "state attorney", "us attorney", "defense attorney", "defence lawyer", "lawyer",
	"circuit judge", "federal judge", "public defender", "deputy director", "executive director",
	"general manager", "owner", "founder", "chief executive",
	"ambassador", "envoy", "commissioner", "director", "chairman", "chairwoman", "chair", "ceo",
	"spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "aide", "deputy", "assistant",
	"chief of staff", "deputy chief of staff", "white house chief of staff", "national security adviser", "border czar",
	"general", "gen", "lt gen", "maj gen", "brig gen", "admiral", "adm", "colonel", "col", "lt col", "major", "maj",
	"captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "corporal", "cpl", "private", "pvt",
	"officer", "detective", "det", "constable", "police constable", "inspector", "chief inspector", "superintendent",
	"sheriff", "deputy sheriff", "marshal", "chief", "police chief", "fire chief", "commander", "trooper",
	"coach", "head coach", "quarterback", "actor", "actress", "singer", "rapper", "star", "producer", "filmmaker", "director",
	"leader", "opposition leader", "majority leader", "minority leader", "dictator",
)

// personHeads are role nouns that name a person in a description ("the
// Salvadoran leader", "a Western diplomat").
var personHeads = text.PersonNouns(text.PersonDescribed)

// orgSuffixes end the names of organisations ("Supreme Court",
// "Democratic Party"). The heads shared with facilities (sharedHeads:
// "office", "centre", "house", "hospital") are here too: an organisation
// unless the text uses the name as a place.
var orgSuffixes = set(
	"house", "court", "party", "association", "department", "ministry", "agency", "committee", "council",
	"commission", "university", "college", "school", "hospital", "institute", "institution", "center", "centre",
	"foundation", "bank", "corp", "corporation", "inc", "ltd", "llc", "plc", "company", "co", "group", "union",
	"organization", "organisation", "police", "army", "navy", "force", "forces", "guard", "service", "services",
	"office", "board", "bureau", "authority", "administration", "senate", "congress", "parliament", "assembly",
	"times", "post", "journal", "news", "network", "press", "media", "tribune", "herald", "gazette", "daily",
	"club", "team", "church", "federation", "league", "alliance", "front", "movement", "coalition", "watch",
	"international", "airlines", "airways", "motors", "entertainment", "studios", "pictures", "records",
	"cartel", "gang", "brigade", "brigades", "network", "fund", "trust", "reserve", "exchange", "securities",
	"program", "programme", "project", "initiative", "campaign", "caucus", "cabinet", "government", "tribunal",
	"magazine", "channel", "radio", "tv", "television", "broadcasting",
)

// orgPrefixes begin the names of organisations ("Department of Justice").
var orgPrefixes = set(
	"department", "ministry", "university", "bank", "court", "office", "bureau", "board", "commission", "council",
	"house", "church", "federation", "institute", "organization", "organisation", "union", "league", "society",
)

// knownOrgs are organisations recognised by name alone.
var knownOrgs = set(
	"white house", "pentagon", "kremlin", "congress", "senate", "parliament", "state department", "supreme court",
	"fbi", "cia", "nsa", "dhs", "ice", "doj", "dod", "irs", "fda", "cdc", "epa", "nasa", "fema", "atf", "dea", "tsa",
	"nato", "un", "eu", "who", "imf", "opec", "wto", "unicef", "unhcr", "osce", "interpol", "ms-13", "ms13",
	"reuters", "afp", "ap", "bbc", "cnn", "fox", "fox news", "nbc", "cbs", "abc", "msnbc", "npr", "pbs", "cnbc",
	"bloomberg", "politico", "axios", "the guardian", "guardian", "al jazeera", "associated press", "agence france-presse",
	"new york times", "washington post", "wall street journal", "usa today", "the hill", "newsweek", "time",
	"google", "apple", "microsoft", "amazon", "facebook", "meta", "twitter", "tesla", "spacex", "openai", "x corp",
	"hamas", "hezbollah", "taliban", "isis", "al-qaeda", "al qaeda", "tren de aragua", "republicans", "democrats",
	"gop", "playboy", "tmz", "people", "variety", "usa", "afl-cio",
)

// orgHeads are lower-case nouns that, after a name, make the two an
// organisation ("the Trump administration", "the Bukele government").
var orgHeads = set("administration", "government", "campaign", "regime", "cabinet")

// holidays, like months and days (text.IsCalendarWord), are capitalised
// words that are never names of entities.
var holidays = set("christmas", "easter", "ramadan", "thanksgiving", "halloween")

// isCalendar reports whether a folded word names a month, a day or a
// holiday.
func isCalendar(f string) bool { return text.IsCalendarWord(f) || holidays[f] }

// notNames are capitalised words that start or make up a run without being
// part of a name: sentence openers, interjections, pronouns and the like.
var notNames = set(
	"i", "i'm", "i've", "i'd", "i'll", "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she",
	"we", "they", "you", "his", "her", "their", "our", "my", "your", "there", "here", "but", "and", "or", "so",
	"yet", "if", "when", "while", "as", "at", "in", "on", "of", "for", "to", "from", "by", "with", "after",
	"before", "since", "during", "despite", "although", "though", "because", "now", "then", "today", "yesterday",
	"tomorrow", "meanwhile", "however", "also", "still", "even", "just", "only", "all", "some", "many", "most",
	"no", "not", "yes", "oh", "ok", "okay", "well", "what", "who", "why", "how", "where", "which", "whose",
	"last", "next", "first", "second", "third", "new", "old", "former", "late", "breaking", "update", "updated",
	"summary", "photo", "image", "video", "watch", "read", "more", "live", "exclusive", "analysis", "opinion",
	"please", "thanks", "thank", "dear", "god", "mom", "dad", "sir", "madam", "pm", "am", "gmt", "est", "edt",
	"bst", "utc", "pst", "pdt", "cst", "cdt", "et", "pt",
)

// places maps folded place names and aliases to their display name: the
// countries of the world, the US states and a few capitals and large
// cities. The list is kept small on purpose; the cues "in X" and demonyms
// find the others.
var places = func() map[string]string {
	m := map[string]string{}
	add := func(name string, aliases ...string) {
		m[fold(name)] = name
		for _, a := range aliases {
			m[fold(a)] = name
		}
	}
	for _, c := range []string{
		"Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia", "Austria",
		"Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin",
		"Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi",
		"Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Costa Rica", "Croatia",
		"Cuba", "Cyprus", "Czech Republic", "Denmark", "Djibouti", "Dominican Republic", "Ecuador", "Egypt",
		"El Salvador", "Eritrea", "Estonia", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia",
		"Germany", "Ghana", "Greece", "Greenland", "Guatemala", "Guinea", "Guyana", "Haiti", "Honduras", "Hungary",
		"Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica",
		"Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon",
		"Liberia", "Libya", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali",
		"Malta", "Mauritania", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique",
		"Myanmar", "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea",
		"North Macedonia", "Norway", "Oman", "Pakistan", "Palestine", "Panama", "Papua New Guinea", "Paraguay",
		"Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Saudi Arabia",
		"Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa",
		"South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria",
		"Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Trinidad and Tobago", "Tunisia", "Turkey",
		"Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates", "Uruguay", "Uzbekistan", "Vatican",
		"Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe", "Gaza", "West Bank", "Crimea", "Puerto Rico",
		"Europe", "Africa", "Asia", "Latin America", "Central America", "South America", "North America",
		"Middle East", "Caribbean", "Scandinavia", "Balkans", "Arctic", "Antarctica",
	} {
		add(c)
	}
	add("United States", "US", "U.S.", "USA", "U.S.A.", "America", "United States of America")
	add("United Kingdom", "UK", "U.K.", "Britain", "Great Britain")
	add("England")
	add("Scotland")
	add("Wales")
	add("Northern Ireland")
	add("Czech Republic", "Czechia")
	add("Myanmar", "Burma")
	add("Ivory Coast", "Côte d'Ivoire")
	add("Washington", "Washington DC", "Washington D.C.", "DC", "D.C.")
	// The AP abbreviations of states that are no other word.
	for state, abbr := range map[string]string{"California": "Calif.", "Colorado": "Colo.", "Connecticut": "Conn.",
		"Florida": "Fla.", "Arizona": "Ariz.", "Tennessee": "Tenn.", "Oklahoma": "Okla.", "Minnesota": "Minn.",
		"Michigan": "Mich.", "Nevada": "Nev.", "Nebraska": "Neb.", "Wisconsin": "Wis.", "Wyoming": "Wyo."} {
		add(state, abbr)
	}
	for _, s := range []string{
		"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
		"Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
		"Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
		"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
		"Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
		"Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming",
	} {
		add(s)
	}
	for _, c := range []string{
		"London", "Paris", "Berlin", "Madrid", "Rome", "Moscow", "Kyiv", "Kiev", "Beijing", "Tokyo", "Seoul", "Delhi",
		"New Delhi", "Mumbai", "Cairo", "Tehran", "Baghdad", "Damascus", "Beirut", "Jerusalem", "Tel Aviv", "Ankara",
		"Istanbul", "Athens", "Lisbon", "Dublin", "Brussels", "Amsterdam", "Vienna", "Warsaw", "Prague", "Budapest",
		"Stockholm", "Oslo", "Copenhagen", "Helsinki", "Geneva", "Zurich", "Ottawa", "Toronto", "Montreal",
		"Vancouver", "Mexico City", "Havana", "Caracas", "Bogota", "Lima", "Santiago", "Buenos Aires", "Brasilia",
		"Sao Paulo", "Rio de Janeiro", "San Salvador", "Tegucigalpa", "Managua", "Guatemala City", "Panama City",
		"Kabul", "Islamabad", "Karachi", "Dhaka", "Bangkok", "Jakarta", "Manila", "Hanoi", "Singapore", "Sydney",
		"Melbourne", "Canberra", "Nairobi", "Lagos", "Johannesburg", "Pretoria", "Addis Ababa", "Khartoum",
		"Riyadh", "Doha", "Dubai", "Abu Dhabi", "Ashgabat", "Pyongyang", "Taipei", "Hong Kong", "Shanghai",
		"Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Antonio", "San Diego", "Dallas",
		"San Francisco", "Seattle", "Boston", "Miami", "Atlanta", "Denver", "Detroit", "Baltimore", "Las Vegas",
		"New Orleans", "Portland", "Nashville", "Austin", "El Paso", "Newark", "Brooklyn", "Manhattan", "Queens",
		"Bronx", "Oakland", "Sacramento", "Pittsburgh", "Cleveland", "Cincinnati", "Minneapolis", "St. Louis",
		"Kansas City", "Honolulu", "Anchorage", "Tallahassee", "Albany", "Harrisburg", "Annapolis", "Richmond",
		"Mar-a-Lago", "Palm Beach", "Silicon Valley", "Hollywood", "Wall Street", "Capitol Hill", "Guantanamo",
		"Guantanamo Bay",
	} {
		add(c)
	}
	return m
}()

// demonyms maps folded demonyms to the place they belong to
// ("Salvadoran" → "El Salvador").
var demonyms = func() map[string]string {
	m := map[string]string{}
	for place, ds := range map[string][]string{
		"United States": {"american"}, "El Salvador": {"salvadoran", "salvadorean", "salvadorian"},
		"Venezuela": {"venezuelan"}, "Mexico": {"mexican"}, "Guatemala": {"guatemalan"}, "Honduras": {"honduran"},
		"Nicaragua": {"nicaraguan"}, "Cuba": {"cuban"}, "Colombia": {"colombian"}, "Brazil": {"brazilian"},
		"Argentina": {"argentine", "argentinian"}, "Chile": {"chilean"}, "Peru": {"peruvian"}, "Canada": {"canadian"},
		"United Kingdom": {"british", "briton"}, "England": {"english"}, "Scotland": {"scottish"}, "Ireland": {"irish"},
		"France": {"french"}, "Germany": {"german"}, "Italy": {"italian"}, "Spain": {"spanish"}, "Portugal": {"portuguese"},
		"Russia": {"russian"}, "Ukraine": {"ukrainian"}, "Poland": {"polish"}, "China": {"chinese"}, "Japan": {"japanese"},
		"India": {"indian"}, "Pakistan": {"pakistani"}, "Iran": {"iranian"}, "Iraq": {"iraqi"}, "Israel": {"israeli"},
		"Palestine": {"palestinian"}, "Syria": {"syrian"}, "Turkey": {"turkish"}, "Egypt": {"egyptian"},
		"Saudi Arabia": {"saudi"}, "Greece": {"greek"}, "Australia": {"australian"}, "Turkmenistan": {"turkmen"},
		"Afghanistan": {"afghan"}, "Somalia": {"somali"}, "Nigeria": {"nigerian"}, "Kenya": {"kenyan"},
		"South Africa": {"south african"}, "North Korea": {"north korean"}, "South Korea": {"south korean"},
		"Haiti": {"haitian"}, "Dominican Republic": {"dominican"}, "Ecuador": {"ecuadorian", "ecuadorean"},
		"Indonesia": {"indonesian"}, "Philippines": {"filipino", "philippine"}, "Vietnam": {"vietnamese"},
		"Thailand": {"thai"}, "Sweden": {"swedish"}, "Norway": {"norwegian"}, "Denmark": {"danish"},
		"Netherlands": {"dutch"}, "Belgium": {"belgian"}, "Switzerland": {"swiss"}, "Austria": {"austrian"},
		"Hungary": {"hungarian"}, "Romania": {"romanian"}, "Serbia": {"serbian"}, "Croatia": {"croatian"},
		"Lebanon": {"lebanese"}, "Jordan": {"jordanian"}, "Yemen": {"yemeni"}, "Sudan": {"sudanese"},
		"Ethiopia": {"ethiopian"}, "Latin America": {"latin american", "latino", "hispanic"}, "Europe": {"european"},
		"Africa": {"african"}, "Asia": {"asian"}, "Central America": {"central american"}, "Texas": {"texan"},
		"California": {"californian"}, "New York": {"new yorker"},
	} {
		for _, d := range ds {
			m[fold(d)] = place
		}
	}
	return m
}()

// isTitle reports whether folded words, joined by spaces, make a title.
func isTitle(s string) bool { return titles[strings.TrimSuffix(s, ".")] }

// The head nouns of names by the kind of thing they name. A name's head is
// the word before its first "of" or "for" ("Treaty of Versailles", "Centre
// for Terrorism Confinement"), else its last word without a numeral
// ("Alien Enemies Act", "World War II"). The head decides the kind unless
// the text plainly uses the name for a person (a title or an age, never
// "the"); a head alone ("the Act", "the Summit") is no name.
var (
	// lawHeads make a law, act, treaty, order or document.
	lawHeads = set("act", "acts", "law", "bill", "treaty", "accord", "accords", "convention", "conventions",
		"order", "amendment", "constitution", "report", "charter", "pact", "protocol", "agreement",
		"declaration", "statute", "directive", "resolution")
	// eventHeads make an event: a war, a summit, a contest, an election, a
	// disaster, a show.
	eventHeads = set("war", "wars", "summit", "games", "olympics", "paralympics", "cup", "championship",
		"championships", "election", "elections", "earthquake", "quake", "hurricane", "typhoon", "cyclone",
		"storm", "tsunami", "flood", "floods", "festival", "conference", "show", "expo", "exposition", "battle",
		"revolution", "uprising", "rebellion", "invasion", "siege", "crisis", "massacre", "genocide",
		"tournament", "marathon", "awards", "prix", "bowl", "series", "fair", "referendum", "primaries",
		"ceremony", "parade", "trial", "trials", "affair", "scandal")
	// eventPrefixes begin the names of events ("Hurricane Katrina",
	// "Operation Desert Storm").
	eventPrefixes = set("hurricane", "typhoon", "cyclone", "storm", "operation")
	// eventNames are events named by one word.
	eventNames = set("olympics", "paralympics", "holocaust", "oscars", "emmys", "grammys")
	// facilityHeads make a facility: a building or a built place.
	facilityHeads = set("prison", "jail", "penitentiary", "airport", "stadium", "arena", "bridge", "tower",
		"towers", "palace", "building", "station", "base", "consulate", "cathedral", "mosque", "temple",
		"synagogue", "hotel", "theatre", "theater", "plant", "dam", "mall", "terminal", "monument", "memorial",
		"courthouse", "barracks", "castle", "abbey", "chapel", "tunnel", "camp",
		// sharedHeads below.
		"office", "centre", "center", "house", "hospital", "hall", "embassy", "museum", "library", "clinic")
	// sharedHeads are facility heads that also name the institution housed
	// there ("the Foreign Office said", "Pew Research Center"): such a name
	// is a facility only when the text uses it as a place more than as a
	// speaker ("in the Oval Office", "sent to the Terrorism Confinement
	// Centre"). "House" is one: the White House is an organisation, as it
	// speaks for the administration far more often than it is visited.
	sharedHeads = set("office", "centre", "center", "house", "hospital", "hall", "embassy", "museum", "library",
		"clinic")
)

// surnameHeads are head nouns that are also common surnames ("Cynthia
// Hall", "Jude Law"): they do not keep a title from splitting off the name
// before them ("Deputy Cynthia Hall").
var surnameHeads = set("hall", "law", "tower", "bridge", "castle", "temple", "chapel", "camp", "bill", "fair")

// kindNouns are common nouns that, said of a name, give its kind: "the
// notorious Cecot prison", "a mega-prison known as Cecot", "the gang
// prison, Cecot,", "the Centre for Terrorism Confinement is a
// maximum-security facility".
var kindNouns = func() map[string]string {
	m := map[string]string{}
	for _, w := range []string{"prison", "prisons", "jail", "mega-prison", "megaprison", "penitentiary", "facility",
		"building", "airport", "hospital", "stadium", "arena", "camp", "compound", "complex", "hotel", "palace",
		"tower", "station", "museum", "clinic", "bridge", "embassy", "consulate"} {
		m[w] = parallax.EntityFacility
	}
	for _, w := range []string{"law", "act", "statute", "treaty", "legislation", "bill", "order", "agreement",
		"accord", "pact", "decree", "amendment"} {
		m[w] = parallax.EntityLaw
	}
	for _, w := range []string{"war", "summit", "election", "earthquake", "quake", "hurricane", "storm",
		"festival", "conference", "tournament", "championship", "ceremony", "battle", "massacre"} {
		m[w] = parallax.EntityEvent
	}
	return m
}()

// attributive are the facility nouns that, right after a determined name,
// make it the facility's name ("the Cecot prison", "the Carlton hotel");
// other nouns there are too often a company's or a town's ("the Kraft
// plant").
var attributive = set("prison", "jail", "mega-prison", "megaprison", "penitentiary", "stadium", "airport", "hotel")

// namingWords link a common noun to the name it is given ("a prison known
// as Cecot", "a facility called X").
var namingWords = set("called", "dubbed", "named", "nicknamed")

// locatives are prepositions that use a name as a place ("in the Oval
// Office", "sent to Cecot").
var locatives = set("in", "at", "inside", "into", "to", "from", "outside", "near", "toward", "towards", "within")

// memberNouns, after a name, make it an institution with people speaking
// for it ("White House officials", "a Home Office spokesman").
var memberNouns = text.PersonNouns(text.PersonSpeaker)

// spellings are the British spellings of name words folded to the American
// ones when variants of a name are compared ("Betty Ford Centre" = "Betty
// Ford Center").
var spellings = map[string]string{"centre": "center", "theatre": "theater", "organisation": "organization",
	"defence": "defense", "programme": "program", "labour": "labor", "harbour": "harbor"}
