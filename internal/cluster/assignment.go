package cluster

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/internal/cluster/dedup"
)

// Assignment is the story an article was put in.
type Assignment struct {
	// Index is the article's position in the input; Arrival its position
	// in arrival order (publication order), from 0.
	Index   int `json:"-"`
	Arrival int `json:"-"`
	// ID is the article's Document.ID, or its Path when it has none.
	ID string `json:"id"`
	// Story numbers the story from 1, in the order stories were started.
	Story int `json:"story"`
	// Score is the similarity that decided: to the story joined, to the
	// best candidate when the article started a new story (0 when there was
	// none), or the Jaccard similarity to the original for a copy.
	Score float64 `json:"score"`
	// Original is the input position of the article this one copies, -1
	// when it is no copy; DuplicateOf is that article's ID.
	Original    int    `json:"-"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Copy tells how the copy differs from its original; nil when no copy.
	Copy *dedup.Match `json:"copy,omitempty"`
	// Why explains the decision when Options.Explain is set.
	Why *Explanation `json:"explain,omitempty"`
}

// Explanation tells why an article joined its story or started a new one.
type Explanation struct {
	// Decision is "joined", "new" or "copy".
	Decision string `json:"decision"`
	// Story is the story joined, or the best candidate for a new story (0
	// when there was none). Cluster numbers the stories left after merges,
	// so that a candidate merged since is reported as the story it went
	// into (then RunnerUp may equal Story).
	Story int `json:"story"`
	// Score is the similarity to Story; Threshold the least to join.
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Names and Terms are the features the article shares with Story,
	// strongest contribution first: names as written in lower case, terms
	// as stems, numbers as digits.
	Names []string `json:"names"`
	Terms []string `json:"terms"`
	// RunnerUp is the second best story (0 when none) and its score.
	RunnerUp      int     `json:"runner_up,omitempty"`
	RunnerUpScore float64 `json:"runner_up_score,omitempty"`
	// Candidates is the number of stories scored in full.
	Candidates int `json:"candidates"`
	// Agree and Conflict are the facts of the article (a year, a date, a
	// weekday, a count such as "23 pirat") that Story's articles report
	// alike or report otherwise. When the main names conflict (see
	// Options.MainWeight), Conflict also lists the article's main names
	// that Story does not name ("names thompson") and Story's that the
	// article does not ("not rahman").
	Agree    []string `json:"agree"`
	Conflict []string `json:"conflict"`
	// Original is the ID of the article copied, for a copy.
	Original string `json:"original,omitempty"`
	// Merged lists the stories merged into Story because the article, on
	// joining it, also scored at least Options.MergeScore with them, by the
	// ID of the article that started each.
	Merged []string `json:"merged,omitempty"`
	// MergedInto is, for an article that started a story, the story that
	// story was merged into later (by a later article, or when it was
	// settled as a small story: see Options.SettleScore); 0 when none.
	MergedInto int `json:"merged_into,omitempty"`
}

// String returns the explanation as one English sentence or two.
func (e *Explanation) String() string {
	var b strings.Builder
	switch e.Decision {
	case "copy":
		fmt.Fprintf(&b, "copy of %s (Jaccard %.2f): joined its story %d", e.Original, e.Score, e.Story)
		return b.String()
	case "joined":
		fmt.Fprintf(&b, "joined story %d with score %.3f ≥ %.3f", e.Story, e.Score, e.Threshold)
	default:
		if e.Story == 0 {
			fmt.Fprintf(&b, "started a new story: no live story shares its indexed features (%d candidates)", e.Candidates)
			if e.MergedInto > 0 {
				fmt.Fprintf(&b, "; its story was later merged into story %d", e.MergedInto)
			}
			return b.String()
		}
		fmt.Fprintf(&b, "started a new story: the best, story %d, scored %.3f < %.3f", e.Story, e.Score, e.Threshold)
	}
	if len(e.Names) > 0 {
		fmt.Fprintf(&b, "; shared names: %s", strings.Join(e.Names, ", "))
	}
	if len(e.Terms) > 0 {
		fmt.Fprintf(&b, "; shared terms: %s", strings.Join(e.Terms, ", "))
	}
	if len(e.Agree) > 0 {
		fmt.Fprintf(&b, "; agrees %s", strings.Join(e.Agree, ", "))
	}
	if len(e.Conflict) > 0 {
		fmt.Fprintf(&b, "; differs %s", strings.Join(e.Conflict, ", "))
	}
	if len(e.Merged) > 0 {
		fmt.Fprintf(&b, "; merged into it the stories started by %s", strings.Join(e.Merged, ", "))
	}
	if e.MergedInto > 0 {
		fmt.Fprintf(&b, "; its story was later merged into story %d", e.MergedInto)
	}
	if e.RunnerUp > 0 {
		fmt.Fprintf(&b, "; runner-up story %d scored %.3f", e.RunnerUp, e.RunnerUpScore)
	} else {
		b.WriteString("; no runner-up")
	}
	return b.String()
}
