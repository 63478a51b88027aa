package quote

import "github.com/parallax-news/parallax/internal/text"

// The word lists below are read-only sets; nothing writes to them after
// initialisation.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// finiteCues are reporting verbs in a finite form: "X said", "said X".
var finiteCues = text.Reporting(text.RoleCue)

// partialCues take a quoted phrase as object rather than a quoted
// sentence: "called it a ‘hoax’", "described him as …".
var partialCues = text.Reporting(text.RolePartial)

// participleCues are reporting verbs in a participle, whose subject is the
// subject of the sentence: "…, saying ‘I’m all for it’".
var participleCues = text.Reporting(text.RoleParticiple)

// indirectCues introduce reported speech without quotation marks.
var indirectCues = text.Reporting(text.RoleIndirect)

// objectCues take the addressee as object before the reported words:
// "told reporters", "assured Donald Trump".
var objectCues = text.Reporting(text.RoleObject)

// adverbs may stand between a speaker and the verb ("Trump also said").
var adverbs = set("also", "later", "then", "previously", "once", "again", "reportedly", "has", "had", "have",
	"was", "is", "would", "will", "'d", "further", "repeatedly", "simply", "recently", "earlier", "subsequently",
	"quickly", "just", "even", "still", "first", "initially", "similarly", "separately", "himself", "herself",
	"themselves", "itself", "flatly", "angrily", "bluntly", "publicly", "privately", "openly", "frequently",
	"often", "immediately", "finally", "now", "already", "quietly", "loudly", "simply", "only", "repeatedly",
	"personally", "directly", "explicitly", "confidently", "proudly", "firmly", "jokingly", "tearfully")

// preps end the head of a speaker's noun phrase: "a spokesman for X".
var preps = text.Prepositions(text.PrepositionEndsSpeaker)

// conjunctions start a new clause before a speaker: "…, but critics say".
var conjunctions = set("and", "but", "or", "while", "as", "because", "so", "when", "after", "before", "if",
	"though", "although", "since", "where", "whereas", "yet", "then", "once", "until", "unless")

// relatives introduce a clause whose subject may be the speaker: "what it
// said", "to which Bukele responded", "who said".
var relatives = set("who", "which", "that", "what", "whom", "whose")

// pronouns that may be speakers.
var pronouns = set("he", "she", "they", "it", "we", "i", "you")

// modals before a base form make it no report: "would not say".
var modals = set("would", "could", "will", "can", "to", "did", "does", "do", "not", "n't", "won't", "wouldn't",
	"couldn't", "didn't", "doesn't", "don't", "cannot", "should", "might", "may", "must", "declined", "refused")

// passive auxiliaries make "said" no report: "is said to".
var passives = set("is", "was", "were", "are", "be", "been", "being")

// npStarts may begin a speaker's noun phrase after a quotation.
var npNotStart = set("by", "to", "in", "on", "at", "for", "with", "from", "and", "but", "or", "as", "that",
	"which", "when", "while", "if", "because", "than", "is", "was", "are", "were", "has", "have", "had", "will",
	"would", "can", "could", "of", "into", "over", "after", "before", "since", "so", "then", "not", "where",
	"whereas", "although", "though", "during", "about", "against", "said", "says")

// personHeads are nouns that head a description of a speaker: the shared
// lexicon's, and the groups and their members political reporting quotes
// ("protesters chanted", "one Republican said"), which it lacks.
var personHeads = func() map[string]bool {
	m := text.PersonNouns(text.PersonSpeaker)
	for _, w := range []string{"protester", "protesters", "demonstrator", "demonstrators", "marchers", "crowd", "crowds",
		"supporter", "supporters", "opponent", "opponents", "voters", "workers", "students", "teachers", "parents",
		"democrat", "democrats", "republican", "republicans", "senators", "governors", "mayors", "leaders", "ministers",
		"diplomats", "judges", "members", "conservatives", "liberals", "progressives", "advocates", "organizers",
		"organisers", "economists", "scientists", "doctors", "nurses", "farmers", "neighbors", "neighbours",
		"relatives", "families", "victims", "survivors", "officials", "residents", "activists", "spokesperson"} {
		m[w] = true
	}
	return m
}()

// orgWords head a description of an organisation ("the administration").
var orgWords = set("administration", "government", "company", "court", "ministry", "department", "agency",
	"office", "embassy", "organization", "organisation", "campaign", "party", "police", "army", "military",
	"regime", "cabinet", "committee", "commission", "council", "firm", "network", "group", "union", "team",
	"club", "league", "white", "house", "senate", "congress", "parliament", "board", "bureau", "authority")

// determiners before a word make it a noun: "the claims", "his remarks".
var determiners = set("the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "such", "this", "that", "no", "any", "some", "every", "each")

// sayVerbs take a clause without "that" ("Bukele said he …") and may be
// inverted after a quotation ("…, said X"); other reporting verbs need
// "that" before reported speech.
var sayVerbs = text.Reporting(text.RoleClause)

// auxiliaries mark a finite verb in a clause.
var auxiliaries = set("is", "was", "were", "are", "has", "have", "had", "would", "will", "could", "can", "should",
	"must", "may", "might", "did", "does", "do", "'s", "won't", "wouldn't", "can't", "couldn't", "didn't", "doesn't",
	"isn't", "wasn't", "weren't", "aren't", "hasn't", "haven't", "hadn't", "shall", "'ll", "'d", "needs", "wants")

// invertVerbs may come before their subject after a quotation or a
// clause: "…, said Mr Bukele".
var invertVerbs = text.Reporting(text.RoleInvert)

// abbrevs end with a period that ends no sentence.
var abbrevs = set("mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof",
	"rev", "det", "maj", "adm", "jr", "sr", "no", "vs", "inc", "co", "corp", "ltd", "u.s", "d.c")
