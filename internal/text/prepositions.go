package text

// PrepositionRole is what a preposition is read for.
type PrepositionRole uint8

// The roles of prepositions.
const (
	// PrepositionEndsPhrase: ends the noun phrase after a number, where the
	// stop list lacks it (figure).
	PrepositionEndsPhrase PrepositionRole = 1 << iota
	// PrepositionEndsSpeaker: ends the head of a speaker's noun phrase: "a
	// spokesman for X" (quote).
	PrepositionEndsSpeaker
	// PrepositionBeforePlace: before a name, makes it a place or thing, not a
	// speaker: "held in El Salvador say" (conflict).
	PrepositionBeforePlace
)

// prepositions: English prepositions (and the few words read like them after
// a number: "ago", "apiece", "each", "whom", "whose"), and the roles each
// serves.
var prepositions = map[string]PrepositionRole{
	"without":   PrepositionEndsPhrase | PrepositionEndsSpeaker,
	"with":      PrepositionEndsPhrase | PrepositionEndsSpeaker | PrepositionBeforePlace,
	"among":     PrepositionEndsPhrase,
	"within":    PrepositionEndsPhrase | PrepositionEndsSpeaker,
	"across":    PrepositionEndsPhrase | PrepositionEndsSpeaker,
	"against":   PrepositionEndsPhrase,
	"despite":   PrepositionEndsPhrase,
	"including": PrepositionEndsPhrase,
	"like":      PrepositionEndsPhrase,
	"per":       PrepositionEndsPhrase,
	"via":       PrepositionEndsPhrase,
	"toward":    PrepositionEndsPhrase,
	"towards":   PrepositionEndsPhrase,
	"amid":      PrepositionEndsPhrase | PrepositionEndsSpeaker,
	"inside":    PrepositionEndsPhrase | PrepositionEndsSpeaker,
	"outside":   PrepositionEndsPhrase | PrepositionEndsSpeaker,
	"near":      PrepositionEndsPhrase | PrepositionEndsSpeaker,
	"behind":    PrepositionEndsPhrase,
	"beyond":    PrepositionEndsPhrase,
	"along":     PrepositionEndsPhrase,
	"onto":      PrepositionEndsPhrase,
	"versus":    PrepositionEndsPhrase,
	"ago":       PrepositionEndsPhrase,
	"apiece":    PrepositionEndsPhrase,
	"each":      PrepositionEndsPhrase,
	"whom":      PrepositionEndsPhrase,
	"whose":     PrepositionEndsPhrase,
	"of":        PrepositionEndsSpeaker | PrepositionBeforePlace,
	"for":       PrepositionEndsSpeaker | PrepositionBeforePlace,
	"to":        PrepositionEndsSpeaker | PrepositionBeforePlace,
	"at":        PrepositionEndsSpeaker | PrepositionBeforePlace,
	"from":      PrepositionEndsSpeaker | PrepositionBeforePlace,
	"in":        PrepositionEndsSpeaker | PrepositionBeforePlace,
	"on":        PrepositionEndsSpeaker | PrepositionBeforePlace,
	"by":        PrepositionEndsSpeaker | PrepositionBeforePlace,
	"about":     PrepositionEndsSpeaker | PrepositionBeforePlace,
	"during":    PrepositionEndsSpeaker,
	"after":     PrepositionEndsSpeaker,
	"before":    PrepositionEndsSpeaker,
	"over":      PrepositionEndsSpeaker,
	"under":     PrepositionEndsSpeaker,
	"since":     PrepositionEndsSpeaker,
	"until":     PrepositionEndsSpeaker,
	"into":      PrepositionBeforePlace,
}

// Prepositions returns the prepositions that serve role r, as a set.
func Prepositions(r PrepositionRole) map[string]bool { return withRole(prepositions, r) }
