package entity

import (
	"strings"

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

// orgSuffixes end the names of organisations ("Supreme Court", "Alien
// Enemies Act", "Democratic Party").
var orgSuffixes = set(
	"house", "court", "party", "act", "association", "department", "ministry", "agency", "committee", "council",
	"commission", "university", "college", "school", "hospital", "institute", "institution", "center", "centre",
	"foundation", "bank", "corp", "corporation", "inc", "ltd", "llc", "plc", "company", "co", "group", "union",
	"organization", "organisation", "police", "army", "navy", "force", "forces", "guard", "service", "services",
	"office", "board", "bureau", "authority", "administration", "senate", "congress", "parliament", "assembly",
	"times", "post", "journal", "news", "network", "press", "media", "tribune", "herald", "gazette", "daily",
	"club", "team", "church", "federation", "league", "alliance", "front", "movement", "coalition", "watch",
	"international", "airlines", "airways", "motors", "entertainment", "studios", "pictures", "records",
	"cartel", "gang", "brigade", "brigades", "network", "fund", "trust", "reserve", "exchange", "securities",
	"program", "programme", "project", "initiative", "campaign", "caucus", "cabinet", "government", "tribunal",
	"prison", "jail", "penitentiary", "magazine", "channel", "radio", "tv", "television", "broadcasting",
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
