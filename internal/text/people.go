package text

// PersonRole is what a noun that names a person is read for; one noun may
// serve several stages.
type PersonRole uint8

// The roles of personNouns.
const (
	// PersonDescribed: heads the description of a person ("the Salvadoran
	// leader", "a Western diplomat") (entity).
	PersonDescribed PersonRole = 1 << iota
	// PersonSpeaker: heads the description of a speaker ("critics say",
	// "officials said") (quote).
	PersonSpeaker
)

// personNouns: the nouns that name a person by role, kin, trade or group,
// gathered by hand from the descriptions of people and speakers in the
// repository's annotated news text, and the roles each serves.
var personNouns = map[string]PersonRole{
	"president":      PersonDescribed | PersonSpeaker,
	"leader":         PersonDescribed | PersonSpeaker,
	"minister":       PersonDescribed | PersonSpeaker,
	"official":       PersonDescribed | PersonSpeaker,
	"officials":      PersonDescribed | PersonSpeaker,
	"spokesman":      PersonDescribed | PersonSpeaker,
	"spokeswoman":    PersonDescribed | PersonSpeaker,
	"spokesperson":   PersonDescribed | PersonSpeaker,
	"diplomat":       PersonDescribed | PersonSpeaker,
	"officer":        PersonDescribed | PersonSpeaker,
	"lawyer":         PersonDescribed | PersonSpeaker,
	"attorney":       PersonDescribed | PersonSpeaker,
	"judge":          PersonDescribed | PersonSpeaker,
	"senator":        PersonDescribed | PersonSpeaker,
	"governor":       PersonDescribed | PersonSpeaker,
	"mayor":          PersonDescribed | PersonSpeaker,
	"secretary":      PersonDescribed | PersonSpeaker,
	"chief":          PersonDescribed | PersonSpeaker,
	"director":       PersonDescribed | PersonSpeaker,
	"man":            PersonDescribed | PersonSpeaker,
	"woman":          PersonDescribed | PersonSpeaker,
	"boy":            PersonDescribed | PersonSpeaker,
	"girl":           PersonDescribed | PersonSpeaker,
	"actor":          PersonDescribed | PersonSpeaker,
	"actress":        PersonDescribed | PersonSpeaker,
	"singer":         PersonDescribed | PersonSpeaker,
	"star":           PersonDescribed | PersonSpeaker,
	"coach":          PersonDescribed | PersonSpeaker,
	"player":         PersonDescribed | PersonSpeaker,
	"witness":        PersonDescribed | PersonSpeaker,
	"resident":       PersonDescribed | PersonSpeaker,
	"father":         PersonDescribed | PersonSpeaker,
	"mother":         PersonDescribed | PersonSpeaker,
	"son":            PersonDescribed | PersonSpeaker,
	"daughter":       PersonDescribed | PersonSpeaker,
	"wife":           PersonDescribed | PersonSpeaker,
	"husband":        PersonDescribed | PersonSpeaker,
	"friend":         PersonDescribed | PersonSpeaker,
	"agent":          PersonDescribed | PersonSpeaker,
	"manager":        PersonDescribed | PersonSpeaker,
	"adviser":        PersonDescribed | PersonSpeaker,
	"advisor":        PersonDescribed | PersonSpeaker,
	"aide":           PersonDescribed | PersonSpeaker,
	"ambassador":     PersonDescribed | PersonSpeaker,
	"envoy":          PersonDescribed | PersonSpeaker,
	"commander":      PersonDescribed | PersonSpeaker,
	"general":        PersonDescribed | PersonSpeaker,
	"prosecutor":     PersonDescribed | PersonSpeaker,
	"detective":      PersonDescribed | PersonSpeaker,
	"sheriff":        PersonDescribed | PersonSpeaker,
	"victim":         PersonDescribed | PersonSpeaker,
	"suspect":        PersonDescribed | PersonSpeaker,
	"dictator":       PersonDescribed | PersonSpeaker,
	"strongman":      PersonDescribed | PersonSpeaker,
	"premier":        PersonDescribed | PersonSpeaker,
	"chancellor":     PersonDescribed | PersonSpeaker,
	"king":           PersonDescribed | PersonSpeaker,
	"queen":          PersonDescribed | PersonSpeaker,
	"prince":         PersonDescribed | PersonSpeaker,
	"pope":           PersonDescribed | PersonSpeaker,
	"monarch":        PersonDescribed,
	"lawmaker":       PersonDescribed | PersonSpeaker,
	"congressman":    PersonDescribed | PersonSpeaker,
	"congresswoman":  PersonDescribed | PersonSpeaker,
	"representative": PersonDescribed | PersonSpeaker,
	"chairman":       PersonDescribed | PersonSpeaker,
	"chairwoman":     PersonDescribed | PersonSpeaker,
	"executive":      PersonDescribed | PersonSpeaker,
	"founder":        PersonDescribed | PersonSpeaker,
	"owner":          PersonDescribed | PersonSpeaker,
	"rep":            PersonDescribed | PersonSpeaker,
	"source":         PersonDescribed | PersonSpeaker,
	"expert":         PersonDescribed | PersonSpeaker,
	"analyst":        PersonDescribed | PersonSpeaker,
	"professor":      PersonDescribed | PersonSpeaker,
	"researcher":     PersonDescribed | PersonSpeaker,
	"scientist":      PersonDescribed | PersonSpeaker,
	"doctor":         PersonDescribed | PersonSpeaker,
	"nurse":          PersonDescribed | PersonSpeaker,
	"teacher":        PersonDescribed | PersonSpeaker,
	"student":        PersonDescribed | PersonSpeaker,
	"activist":       PersonDescribed | PersonSpeaker,
	"campaigner":     PersonDescribed | PersonSpeaker,
	"organiser":      PersonDescribed,
	"organizer":      PersonDescribed,
	"worker":         PersonDescribed | PersonSpeaker,
	"pensioner":      PersonDescribed | PersonSpeaker,
	"voter":          PersonDescribed | PersonSpeaker,
	"migrant":        PersonDescribed | PersonSpeaker,
	"immigrant":      PersonDescribed | PersonSpeaker,
	"deportee":       PersonDescribed,
	"detainee":       PersonDescribed,
	"prisoner":       PersonDescribed,
	"inmate":         PersonDescribed,
	"farmer":         PersonDescribed,
	"neighbor":       PersonDescribed,
	"neighbour":      PersonDescribed,
	"mogul":          PersonDescribed,
	"billionaire":    PersonDescribed,
	"ally":           PersonDescribed,
	"businessman":    PersonDescribed,
	"businesswoman":  PersonDescribed,
	"entrepreneur":   PersonDescribed,
	"host":           PersonDescribed | PersonSpeaker,
	"anchor":         PersonDescribed | PersonSpeaker,
	"reporter":       PersonDescribed | PersonSpeaker,
	"journalist":     PersonDescribed | PersonSpeaker,
	"officers":       PersonSpeaker,
	"lawyers":        PersonSpeaker,
	"attorneys":      PersonSpeaker,
	"witnesses":      PersonSpeaker,
	"residents":      PersonSpeaker,
	"aides":          PersonSpeaker,
	"prosecutors":    PersonSpeaker,
	"lawmakers":      PersonSpeaker,
	"sources":        PersonSpeaker,
	"experts":        PersonSpeaker,
	"analysts":       PersonSpeaker,
	"activists":      PersonSpeaker,
	"critics":        PersonSpeaker,
	"critic":         PersonSpeaker,
	"police":         PersonSpeaker,
	"authorities":    PersonSpeaker,
	"administration": PersonSpeaker,
	"government":     PersonSpeaker,
	"company":        PersonSpeaker,
	"court":          PersonSpeaker,
	"ministry":       PersonSpeaker,
	"department":     PersonSpeaker,
	"agency":         PersonSpeaker,
	"group":          PersonSpeaker,
	"groups":         PersonSpeaker,
	"office":         PersonSpeaker,
	"spokesmen":      PersonSpeaker,
	"administrator":  PersonSpeaker,
	"commissioner":   PersonSpeaker,
	"superintendent": PersonSpeaker,
	"counsel":        PersonSpeaker,
	"statement":      PersonSpeaker,
	"report":         PersonSpeaker,
	"embassy":        PersonSpeaker,
	"organization":   PersonSpeaker,
	"organisation":   PersonSpeaker,
}

// PersonNouns returns the nouns that name a person and serve role r, as a set.
func PersonNouns(r PersonRole) map[string]bool { return withRole(personNouns, r) }

// ParticipleRole is what an irregular past participle is read for.
type ParticipleRole uint8

// The roles of participles.
const (
	// ParticipleVerb: is the verb of a figure ("23 Salvadorans sent to Cecot")
	// (figure).
	ParticipleVerb ParticipleRole = 1 << iota
	// ParticipleEvent: states an event whose denial is a conflict (conflict).
	ParticipleEvent
)

// participles: irregular past participles of the verbs of news events (the
// regular ones end in -ed), gathered by hand from the repository's news
// text, and the roles each serves.
var participles = map[string]ParticipleRole{
	"sent":   ParticipleVerb | ParticipleEvent,
	"held":   ParticipleVerb | ParticipleEvent,
	"taken":  ParticipleVerb | ParticipleEvent,
	"flown":  ParticipleVerb | ParticipleEvent,
	"paid":   ParticipleVerb | ParticipleEvent,
	"spent":  ParticipleVerb,
	"lost":   ParticipleVerb,
	"sold":   ParticipleVerb,
	"won":    ParticipleVerb,
	"bought": ParticipleVerb,
	"freed":  ParticipleVerb,
	"hit":    ParticipleVerb | ParticipleEvent,
	"slain":  ParticipleVerb | ParticipleEvent,
	"shot":   ParticipleVerb | ParticipleEvent,
	"dead":   ParticipleEvent,
}

// Participles returns the irregular past participles that serve role r, as a
// set.
func Participles(r ParticipleRole) map[string]bool { return withRole(participles, r) }
