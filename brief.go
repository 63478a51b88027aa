package parallax

// Brief is the cross-source brief of one story. Its JSON form is the
// documented contract of `parallax brief --format json`; keys keep their
// meaning, new keys may be added.
type Brief struct {
	Title     string          `json:"title"`
	Sources   []Source        `json:"sources"`
	Summary   []Statement     `json:"summary"`
	Agreed    []Statement     `json:"agreed"`
	Exclusive []Exclusive     `json:"exclusive"`
	Quotes    []Quote         `json:"quotes"`
	Figures   []Figure        `json:"figures"`
	Conflicts []Conflict      `json:"conflicts"`
	Entities  []Entity        `json:"entities"`
	Timeline  []Event         `json:"timeline"`
	Coverage  Coverage        `json:"coverage"`
	OffTopic  []Excerpt       `json:"off_topic"`
	Removed   []SourceRemoval `json:"removed"`
	// Truncated counts, by the JSON name of a list ("quotes",
	// "coverage.sources"), the entries left out because the list is
	// bounded: a story of thousands of articles keeps the most reported.
	Truncated map[string]int `json:"truncated"`
}

// Source is one article of the brief as the reader sees it.
type Source struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Path      string `json:"path"`
}

// Cite points at the exact words of a source that support a statement:
// code-point offsets into that source's text as read, end exclusive.
type Cite struct {
	Source string `json:"source"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Statement is a sentence of the brief with every source that reports it.
type Statement struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	Cites   []Cite   `json:"cites"`
}

// Fact is a sentence that one source alone reports.
type Fact struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Exclusive lists what one source alone reports.
type Exclusive struct {
	Source string `json:"source"`
	Facts  []Fact `json:"facts"`
}

// Excerpt is a span of one source left out of the brief, with its text.
type Excerpt struct {
	Source string `json:"source"`
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// SourceRemoval is a removal made while cleaning one source.
type SourceRemoval struct {
	Source string `json:"source"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Quote is one utterance as the story's sources quote it, with the wordings
// they use.
type Quote struct {
	Speaker  string    `json:"speaker"`
	Text     string    `json:"text"`
	Kind     string    `json:"kind"`
	Sources  []string  `json:"sources"`
	Cites    []Cite    `json:"cites"`
	Variants []Variant `json:"variants"`
}

// Quote kinds.
const (
	QuoteDirect   = "direct"
	QuotePartial  = "partial"
	QuoteIndirect = "indirect"
	// QuoteTerm is a word or short phrase set in quotation marks that no
	// speaker is said to utter (a scare quote, a name, a term): kept apart
	// from what people said.
	QuoteTerm = "term"
)

// Variant is one wording of a quote and the sources that carry it. Kind is
// the kind of that wording: a paraphrase of a direct quote is "indirect".
type Variant struct {
	Text    string   `json:"text"`
	Kind    string   `json:"kind,omitempty"`
	Sources []string `json:"sources"`
	Cites   []Cite   `json:"cites"`
}

// Entity is a person, organisation, place, event, law or document, or
// facility named in the story.
type Entity struct {
	Name         string         `json:"name"`
	Kind         string         `json:"kind"`
	Aliases      []string       `json:"aliases"`
	Descriptions []string       `json:"descriptions"`
	Sources      []string       `json:"sources"`
	Mentions     map[string]int `json:"mentions"`
}

// Entity kinds.
const (
	EntityPerson       = "person"
	EntityOrganization = "organization"
	EntityPlace        = "place"
	EntityEvent        = "event"    // a war, a summit, an election, a disaster
	EntityLaw          = "law"      // a law, act, treaty, order or document
	EntityFacility     = "facility" // a building, prison, airport, office
)

// Figure is a number a source gives, with its approximation as a range.
type Figure struct {
	Text    string   `json:"text"`
	Value   float64  `json:"value"`
	Low     float64  `json:"low"`
	High    float64  `json:"high"`
	Unit    string   `json:"unit"`
	About   string   `json:"about"`
	Sources []string `json:"sources"`
	Cites   []Cite   `json:"cites"`
}

// Conflict is a disagreement between sources, each side cited, or a
// comparison of figures that differ in wording: Consistent is true when the
// sides can all hold (the wordings' ranges meet), false for a real clash.
type Conflict struct {
	About       string  `json:"about"`
	Kind        string  `json:"kind"`
	Consistent  bool    `json:"consistent"`
	Explanation string  `json:"explanation"`
	Claims      []Claim `json:"claims"`
}

// Conflict kinds.
const (
	ConflictFigure = "figure"
	ConflictClaim  = "claim"
	ConflictQuote  = "quote"
)

// Claim is one side of a conflict. Side tells, in a conflict of kind
// claim, whether its sentence asserts what is disputed or denies it.
type Claim struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	Cites   []Cite   `json:"cites"`
	Side    string   `json:"side,omitempty"`
}

// Sides of a claim.
const (
	SideAsserts = "asserts"
	SideDenies  = "denies"
)

// Event is a dated entry of the story's timeline. Date is YYYY-MM-DD, YYYY-MM
// or YYYY; Time is HH:MM when known.
type Event struct {
	Date    string   `json:"date"`
	Time    string   `json:"time,omitempty"`
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	Cites   []Cite   `json:"cites"`
}

// Coverage is the matrix of the most widely reported facts against the
// sources that carry the most of them (its columns, in that order); Omitted
// lists, for each of those sources, the indexes of the facts it leaves out.
type Coverage struct {
	Facts   []CoverageFact   `json:"facts"`
	Sources []string         `json:"sources"`
	Omitted map[string][]int `json:"omitted"`
}

// CoverageFact is a fact of the coverage matrix and the sources carrying it.
type CoverageFact struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
}
