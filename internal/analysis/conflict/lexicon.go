package conflict

import (
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// The word lists below are read-only after initialisation.

// notions map the stem (or the lower-case form) of a word to a class of
// synonyms, so that "mistakenly deported" meets "sent by mistake".
var notions, classWords = func() (map[string]string, map[string][]string) {
	m := map[string]string{}
	words := map[string][]string{}
	add := func(class, list string) {
		for _, w := range strings.Fields(list) {
			m[text.Stem(w)] = class
			m[w] = class
			words[class] = append(words[class], w)
		}
	}
	add("ERROR", "error errors mistake mistakes mistaken mistakenly erroneous erroneously wrong wrongly wrongful wrongfully accident accidental accidentally inadvertent inadvertently")
	add("DEPORT", "deport deported deporting deportation deportations send sent sending expel expelled expulsion removed removal")
	add("KILL", "kill killed killing killings murder murdered dead death deaths die died")
	add("DETAIN", "arrest arrested arrests detain detained detention jail jailed imprison imprisoned imprisoning")
	add("LEGAL", "legal lawful legally lawfully")
	add("GUILTY", "guilty culpable responsible")
	add("ATTACK", "attack attacked attacks assault assaulted")
	return m, words
}()

// denyVerbs are the stems of verbs of denial.
var denyVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("deny denied denies denying refute refuted refutes refuting reject rejected rejects rejecting rebut rebutted disputed disputes") {
		m[text.Stem(w)] = true
	}
	return m
}()

// claimWords are the nouns a denial verb takes before the claim itself
// ("refuted claims regarding …").
var claimWords = map[string]bool{
	"claim": true, "claims": true, "allegation": true, "allegations": true, "report": true, "reports": true,
	"regarding": true, "suggestion": true, "suggestions": true, "accusation": true, "accusations": true,
	"charge": true, "charges": true, "notion": true, "idea": true, "assertion": true, "assertions": true,
}

// clauseWords end the scope of a negation.
var clauseWords = map[string]bool{
	"but": true, "while": true, "although": true, "though": true, "despite": true, "because": true, "whereas": true,
	"who": true, "which": true, "that": true, "whom": true, "whose": true, "where": true, "when": true, "if": true,
	"unless": true, "after": true, "before": true, "since": true, "during": true,
}

// labels are the words that make what follows a predicate: a copula or a
// verb of labelling ("are gang members", "labeled gang members", "the
// deportation as an administrative error").
var labels = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "as": true,
	"labeled": true, "labelled": true, "called": true, "calls": true, "alleges": true, "allege": true,
	"described": true, "branded": true, "deemed": true, "termed": true,
}

// participles are irregular verb forms that state an event.
var participles = text.Participles(text.ParticipleEvent)

// reporting are the verbs that attribute speech.
var reporting = text.Reporting(text.RoleClaim)

// prepositions before a name make it no speaker ("held in El Salvador say").
var prepositions = text.Prepositions(text.PrepositionBeforePlace)

// modals before a negation make it no denial of a fact.
var modals = map[string]bool{
	"could": true, "would": true, "will": true, "can": true, "should": true, "might": true, "may": true, "must": true,
	"shall": true, "to": true, "wo": true, "ca": true,
}

// modalNegations are contracted or fused modal negations.
var modalNegations = map[string]bool{
	"cannot": true, "can't": true, "couldn't": true, "won't": true, "wouldn't": true, "shouldn't": true, "mustn't": true,
	"mightn't": true, "shan't": true,
}

// notFigures follow a negation that denies nothing ("not only", "no longer").
var notFigures = map[string]bool{
	"only": true, "just": true, "merely": true, "necessarily": true, "yet": true, "longer": true, "doubt": true,
	"matter": true, "less": true, "more": true, "sooner": true, "least": true, "even": true, "exactly": true,
}

// hedges make a statement no statement of fact.
var hedges = map[string]bool{
	"believed": true, "expected": true, "likely": true, "unlikely": true, "possible": true, "possibly": true,
	"probably": true, "perhaps": true, "expect": true, "expects": true, "expecting": true, "reportedly": true, "maybe": true, "hoped": true, "hopes": true, "planned": true, "plans": true,
}

// notPredicates are -ing and -ed words that work as prepositions.
var notPredicates = map[string]bool{
	"following": true, "including": true, "according": true, "during": true, "regarding": true, "concerning": true,
	"considering": true, "excluding": true, "pending": true, "notwithstanding": true, "barring": true,
}

// maxNamed is the most outlets an explanation names; the rest are counted.
const maxNamed = 6
