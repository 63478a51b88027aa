package text

// Role is what a reporting word can do in a sentence; one form may play
// several roles. Each stage that reads attribution asks for the forms of
// the roles it needs (Reporting), so that the words are listed once.
type Role uint16

// The roles of reporting words.
const (
	// RoleCue: reporting verbs in a finite form: "X said", "said X" (quote).
	RoleCue Role = 1 << iota
	// RolePartial: take a quoted phrase as object rather than a quoted sentence: "called it a ‘hoax’" (quote).
	RolePartial
	// RoleParticiple: in a participle, whose subject is the sentence's: "…, saying ‘I’m all for it’" (quote).
	RoleParticiple
	// RoleIndirect: introduce reported speech without quotation marks (quote).
	RoleIndirect
	// RoleObject: take the addressee as object before the reported words: "told reporters" (quote).
	RoleObject
	// RoleClause: take a clause without "that" and may be inverted after a quotation (quote).
	RoleClause
	// RoleInvert: may come before their subject after a quotation: "…, said Mr Bukele" (quote).
	RoleInvert
	// RoleAfterName: follow a speaker's name (entity).
	RoleAfterName
	// RoleClaim: attribute a claim or its denial (conflict).
	RoleClaim
	// RoleAttribution: mark a short line after a quotation as its
	// attribution ("Mr Bukele said."), not a sentence of its own (text).
	RoleAttribution
)

// reporting lists the reporting words of English news prose and the roles
// each plays, gathered by hand from the attributions of the repository's
// annotated news text (the quote fixtures, the ECB+ development set, the
// examples): verbs of saying in their finite, participle and past forms,
// and verbs that frame a quoted phrase.
var reporting = map[string]Role{
	"according":     RoleAttribution,
	"said":          RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName | RoleClaim | RoleAttribution,
	"says":          RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName | RoleClaim | RoleAttribution,
	"say":           RoleCue | RoleIndirect | RoleClause | RoleClaim,
	"told":          RoleCue | RoleIndirect | RoleObject | RoleClause | RoleAfterName | RoleClaim | RoleAttribution,
	"tells":         RoleCue | RoleIndirect | RoleObject | RoleClause | RoleAfterName,
	"tell":          RoleCue | RoleObject,
	"added":         RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName | RoleClaim | RoleAttribution,
	"adds":          RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName,
	"asked":         RoleCue | RoleObject | RoleClause | RoleAfterName | RoleAttribution,
	"asks":          RoleCue,
	"wrote":         RoleCue | RoleIndirect | RoleObject | RoleClause | RoleInvert | RoleAfterName | RoleClaim | RoleAttribution,
	"writes":        RoleCue | RoleClause | RoleInvert | RoleAfterName,
	"stated":        RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName | RoleClaim | RoleAttribution,
	"explained":     RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName | RoleAttribution,
	"explains":      RoleCue,
	"noted":         RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName | RoleAttribution,
	"notes":         RoleCue | RoleIndirect | RoleClause,
	"replied":       RoleCue | RoleClause | RoleInvert | RoleAfterName | RoleAttribution,
	"replies":       RoleCue,
	"responded":     RoleCue | RoleClause | RoleInvert | RoleAfterName,
	"responds":      RoleCue,
	"continued":     RoleCue | RoleClause | RoleInvert | RoleAfterName | RoleAttribution,
	"continues":     RoleCue,
	"declared":      RoleCue | RoleInvert | RoleAfterName | RoleClaim | RoleAttribution,
	"declares":      RoleCue,
	"insisted":      RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName | RoleClaim | RoleAttribution,
	"insists":       RoleCue | RoleIndirect | RoleClause | RoleClaim,
	"claimed":       RoleCue | RoleIndirect | RoleClause | RoleAfterName | RoleClaim,
	"claims":        RoleCue | RoleIndirect | RoleClause,
	"argued":        RoleCue | RoleIndirect | RoleClause | RoleAfterName | RoleClaim,
	"argues":        RoleCue | RoleIndirect | RoleClause,
	"warned":        RoleCue | RoleIndirect | RoleObject | RoleClause | RoleInvert | RoleAfterName,
	"warns":         RoleCue | RoleIndirect | RoleObject | RoleClause,
	"announced":     RoleCue | RoleIndirect | RoleAfterName,
	"announces":     RoleCue,
	"acknowledged":  RoleCue | RoleIndirect | RoleAfterName,
	"acknowledges":  RoleCue | RoleIndirect,
	"admitted":      RoleCue | RoleIndirect | RoleClause | RoleAfterName,
	"admits":        RoleCue | RoleIndirect | RoleClause,
	"confirmed":     RoleCue | RoleIndirect | RoleAfterName,
	"confirms":      RoleCue | RoleIndirect,
	"recalled":      RoleCue | RoleIndirect | RoleClause | RoleInvert | RoleAfterName,
	"recalls":       RoleCue,
	"tweeted":       RoleCue | RoleAfterName | RoleClaim | RoleAttribution,
	"tweets":        RoleCue,
	"remarked":      RoleCue,
	"observed":      RoleCue,
	"suggested":     RoleCue | RoleIndirect,
	"suggests":      RoleCue,
	"urged":         RoleCue | RoleObject | RoleAfterName,
	"urges":         RoleCue,
	"conceded":      RoleCue | RoleIndirect,
	"concedes":      RoleCue,
	"cautioned":     RoleCue,
	"countered":     RoleCue,
	"quipped":       RoleCue,
	"joked":         RoleCue,
	"shouted":       RoleCue,
	"yelled":        RoleCue,
	"cried":         RoleCue,
	"screamed":      RoleCue,
	"exclaimed":     RoleCue,
	"whispered":     RoleCue,
	"mused":         RoleCue,
	"predicted":     RoleCue | RoleIndirect,
	"promised":      RoleCue | RoleIndirect | RoleObject,
	"vowed":         RoleCue | RoleIndirect,
	"pledged":       RoleCue,
	"asserted":      RoleCue | RoleIndirect | RoleClaim,
	"asserts":       RoleCue,
	"maintained":    RoleCue | RoleIndirect | RoleAfterName | RoleClaim,
	"maintains":     RoleCue | RoleIndirect | RoleClaim,
	"contended":     RoleCue | RoleIndirect,
	"contends":      RoleCue,
	"stressed":      RoleCue | RoleIndirect | RoleAfterName,
	"stresses":      RoleCue,
	"emphasized":    RoleCue,
	"emphasised":    RoleCue,
	"reiterated":    RoleCue | RoleIndirect,
	"agreed":        RoleCue,
	"boasted":       RoleCue,
	"complained":    RoleCue,
	"lamented":      RoleCue,
	"testified":     RoleCue | RoleIndirect | RoleClause,
	"assured":       RoleCue | RoleIndirect | RoleObject | RoleClause,
	"informed":      RoleCue | RoleObject,
	"reported":      RoleCue | RoleIndirect,
	"alleged":       RoleCue | RoleIndirect,
	"alleges":       RoleCue | RoleIndirect,
	"concluded":     RoleCue,
	"recounted":     RoleCue,
	"wondered":      RoleCue,
	"chimed":        RoleCue,
	"interjected":   RoleCue,
	"commented":     RoleCue,
	"opined":        RoleCue,
	"proclaimed":    RoleCue,
	"retorted":      RoleCue,
	"snapped":       RoleCue,
	"sniped":        RoleCue,
	"scoffed":       RoleCue,
	"described":     RoleCue | RolePartial,
	"called":        RoleCue | RolePartial,
	"dubbed":        RoleCue | RolePartial,
	"labeled":       RoleCue | RolePartial,
	"labelled":      RoleCue | RolePartial,
	"branded":       RoleCue | RolePartial,
	"deemed":        RoleCue | RolePartial,
	"termed":        RoleCue | RolePartial,
	"referred":      RoleCue | RolePartial,
	"hailed":        RoleCue | RolePartial,
	"praised":       RoleCue | RolePartial,
	"slammed":       RoleCue | RolePartial,
	"blasted":       RoleCue | RolePartial,
	"criticized":    RoleCue | RolePartial,
	"criticised":    RoleCue | RolePartial,
	"derided":       RoleCue | RolePartial,
	"denounced":     RoleCue | RolePartial,
	"recognized":    RoleCue | RolePartial,
	"recognised":    RoleCue | RolePartial,
	"characterized": RoleCue | RolePartial,
	"characterised": RoleCue | RolePartial,
	"decried":       RoleCue | RolePartial,
	"mocked":        RoleCue | RolePartial,
	"chanted":       RoleCue,
	"read":          RoleCue,
	"denied":        RoleCue | RoleIndirect | RoleClaim,
	"purported":     RoleCue,
	"echoed":        RoleCue,
	"echoes":        RoleCue,
	"answered":      RoleCue,
	"answers":       RoleCue,
	"pleaded":       RoleCue,
	"begged":        RoleCue,
	"demanded":      RoleCue,
	"elaborated":    RoleCue,
	"clarified":     RoleCue,
	"posted":        RoleCue | RoleClaim,
	"texted":        RoleCue,
	"emailed":       RoleCue,
	"describing":    RolePartial | RoleParticiple | RoleClaim,
	"calling":       RolePartial | RoleParticiple,
	"dubbing":       RolePartial | RoleParticiple,
	"labeling":      RolePartial | RoleParticiple,
	"labelling":     RolePartial | RoleParticiple,
	"branding":      RolePartial | RoleParticiple,
	"deeming":       RolePartial | RoleParticiple,
	"terming":       RolePartial,
	"referring":     RolePartial | RoleParticiple,
	"hailing":       RolePartial | RoleParticiple,
	"praising":      RolePartial | RoleParticiple,
	"saying":        RoleParticiple,
	"telling":       RoleParticiple | RoleObject,
	"adding":        RoleParticiple,
	"asking":        RoleParticiple | RoleObject,
	"writing":       RoleParticiple,
	"stating":       RoleParticiple | RoleClaim,
	"explaining":    RoleParticiple,
	"noting":        RoleParticiple,
	"replying":      RoleParticiple,
	"responding":    RoleParticiple,
	"insisting":     RoleParticiple,
	"claiming":      RoleParticiple,
	"arguing":       RoleParticiple,
	"warning":       RoleParticiple,
	"announcing":    RoleParticiple,
	"declaring":     RoleParticiple,
	"urging":        RoleParticiple,
	"stressing":     RoleParticiple,
	"vowing":        RoleParticiple,
	"promising":     RoleParticiple,
	"acknowledging": RoleParticiple,
	"admitting":     RoleParticiple,
	"confirming":    RoleParticiple,
	"asserting":     RoleParticiple | RoleClaim,
	"maintaining":   RoleParticiple,
	"emphasizing":   RoleParticiple,
	"emphasising":   RoleParticiple,
	"reiterating":   RoleParticiple,
	"predicting":    RoleParticiple,
	"tweeting":      RoleParticiple,
	"posting":       RoleParticiple,
	"recalling":     RoleParticiple,
	"suggesting":    RoleParticiple,
	"conceding":     RoleParticiple,
	"joking":        RoleParticiple,
	"quipping":      RoleParticiple,
	"continuing":    RoleParticiple,
	"chanting":      RoleParticiple,
	"shouting":      RoleParticiple,
	"yelling":       RoleParticiple,
	"screaming":     RoleParticiple,
	"crying":        RoleParticiple,
	"estimated":     RoleIndirect,
	"indicated":     RoleIndirect,
	"believes":      RoleIndirect | RoleClause,
	"reminded":      RoleObject,
	"refuted":       RoleClaim,
	"denies":        RoleClaim,
	"rejected":      RoleClaim,
	"rejects":       RoleClaim,
	"dismissed":     RoleClaim,
}

// Reporting returns the reporting words that play role r, as a set.
func Reporting(r Role) map[string]bool { return withRole(reporting, r) }

// withRole returns the words of a lexicon table that serve role r, as a
// set.
func withRole[R ~uint8 | ~uint16](table map[string]R, r R) map[string]bool {
	m := map[string]bool{}
	for w, roles := range table {
		if roles&r != 0 {
			m[w] = true
		}
	}
	return m
}
