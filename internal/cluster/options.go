package cluster

import (
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster/dedup"
)

// Options configures clustering. The zero value is not valid: start from
// DefaultOptions. The defaults were fixed on the ECB+ development topics 1–25
// (see the package documentation) and on synthetic streams for the limits.
type Options struct {
	// Threshold is the least similarity for an article to join a story.
	// The similarity is the cosine of the article's TF-IDF vector and the
	// story's centroid, multiplied by the slot factor (see SlotWeight, so it
	// may exceed 1) and, when dates are known, lowered linearly by up to
	// half as the time since the story's latest article nears Window. Below
	// the threshold the article starts a new story.
	Threshold float64
	// SlotWeight weighs the facts an article and a story both report: the
	// year, the date, the weekday and counts of things ("23 pirates"). The
	// similarity is multiplied by exp(SlotWeight × (agreements − conflicts)),
	// one agreement or conflict per kind of fact they both report. Two
	// reports of one event mostly agree on these; two events of one kind
	// (two earthquakes in one region) mostly do not.
	SlotWeight float64
	// YearWeight weighs the year of the event: when an article's title or
	// lead names a year (a dateline, "the 2024 show"), that year stands for
	// the article's years, and a story whose articles name other years
	// only is another event of the kind (another year's edition of a show,
	// another year's quake): the similarity is multiplied by
	// exp(−YearWeight) instead of exp(−SlotWeight). Agreement counts as
	// for any slot.
	YearWeight float64
	// MainWeight weighs the main participants. An article's main names are
	// the two full names it repeats most, the title and lead weighing more;
	// a story's, once it has two articles, those main in at least half of
	// them (see participants.go). When the article has a main name that the
	// story never names while the story has one that the article never
	// names (another person nominated to the same post, another player of
	// the team arrested), the similarity is multiplied by
	// exp(−MainWeight). 0 disables it.
	MainWeight float64
	// TitleWeight and LeadWeight multiply the counts of the words of the
	// title and of the lead (the body up to the end of the first sentence
	// that ends after 15 words); body words count 1.
	TitleWeight, LeadWeight float64
	// NameWeight multiplies the weight of names: capitalised words and runs
	// of them ("Betty Ford Center"), each word and the whole run.
	NameWeight float64
	// NumberWeight multiplies the weight of numbers of two digits or more
	// and decimals ("6.1", "2008", "238,000"), and of counts: a number with
	// the word after it ("23 pirates").
	NumberWeight float64
	// MergeScore and MergeSize let one pass undo early splits: when an
	// article joins a story, each other candidate story of at most
	// MergeSize articles, smaller than the story joined was, that the
	// article scores at least MergeScore with (the same similarity as for
	// Threshold) is merged into the story joined. Its articles then belong
	// to that story (Cluster reports the merged stories; Clusterer.Root
	// follows merges for Add). MergeScore 0 disables merging.
	MergeScore float64
	MergeSize  int
	// SettleScore and SettleSize give small stories a last chance: a story
	// of at most SettleSize articles that falls out of the window, or is
	// still live at the end of the stream, is merged into the larger live
	// story it scores best with (its centroid taken as one article) when
	// that scores at least SettleScore. SettleScore 0 disables it.
	SettleScore float64
	SettleSize  int
	// TopK is the number of terms kept in a story's centroid.
	TopK int
	// Window is how long a story stays live without a new article when
	// publication dates are known; a story out of the window is closed and
	// no article joins it any more.
	Window time.Duration
	// WindowArticles is the same window counted in articles, used when
	// publication dates are unknown.
	WindowArticles int
	// QueryTerms is the number of an article's strongest features used to
	// find candidate stories in the index, and under which the story it
	// joins is indexed.
	QueryTerms int
	// Postings caps the stories kept for one feature in the index, the most
	// recently updated kept.
	Postings int
	// Candidates is the number of candidate stories scored in full per
	// article, those sharing the most index weight with it.
	Candidates int
	// Dedup enables near-duplicate detection: a copy joins the story of its
	// original and is marked as its duplicate. DedupOptions configures it.
	Dedup        bool
	DedupOptions dedup.Options
	// Explain records for each article why it joined its story or started a
	// new one (Assignment.Why).
	Explain bool
	// Workers is the number of goroutines that extract features in Cluster;
	// 0 means runtime.GOMAXPROCS(0).
	Workers int
}

// DefaultOptions returns the options Parallax uses.
func DefaultOptions() Options {
	return Options{
		Threshold:      0.25,
		MergeScore:     0.28,
		MergeSize:      1,
		SettleScore:    0.22,
		SettleSize:     3,
		SlotWeight:     0.3,
		YearWeight:     1,
		MainWeight:     1,
		TitleWeight:    2,
		LeadWeight:     2,
		NameWeight:     2,
		NumberWeight:   2,
		TopK:           200,
		Window:         7 * 24 * time.Hour,
		WindowArticles: 10000,
		QueryTerms:     24,
		Postings:       64,
		Candidates:     32,
		Dedup:          true,
		DedupOptions:   dedup.DefaultOptions(),
	}
}

// Validate reports the first option out of range as an EINVALID error.
func (o Options) Validate() error {
	bad := func(format string, args ...any) error {
		return parallax.Errorf(parallax.EINVALID, "cluster", format, args...)
	}
	switch {
	case o.Threshold < 0 || o.Threshold > 1:
		return bad("threshold %g: must be in [0, 1]", o.Threshold)
	case o.MergeScore < 0 || o.MergeScore > 1:
		return bad("merge score %g: must be in [0, 1]", o.MergeScore)
	case o.MergeSize < 0:
		return bad("merge size %d: must not be negative", o.MergeSize)
	case o.SettleScore < 0 || o.SettleScore > 1:
		return bad("settle score %g: must be in [0, 1]", o.SettleScore)
	case o.SettleSize < 0:
		return bad("settle size %d: must not be negative", o.SettleSize)
	case o.SlotWeight < 0 || o.YearWeight < 0 || o.MainWeight < 0:
		return bad("slot, year and main-name weights must not be negative")
	case o.TitleWeight < 0 || o.LeadWeight < 0 || o.NameWeight < 0 || o.NumberWeight < 0:
		return bad("weights must not be negative")
	case o.TopK < 1:
		return bad("top-K %d: must be at least 1", o.TopK)
	case o.Window <= 0 || o.WindowArticles < 1:
		return bad("window %v / %d articles: must be positive", o.Window, o.WindowArticles)
	case o.QueryTerms < 1 || o.Postings < 1 || o.Candidates < 1:
		return bad("query terms, postings and candidates must be at least 1")
	case o.Workers < 0:
		return bad("workers %d: must not be negative", o.Workers)
	}
	if o.Dedup {
		if err := o.DedupOptions.Validate(); err != nil {
			return err
		}
	}
	return nil
}
