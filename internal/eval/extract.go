package eval

import "strings"

// ExtractCase is one page of an extraction benchmark in the format of
// trafilatura's evaluation: strings the page's main text must contain and
// strings it must not (page furniture, comments, bylines).
type ExtractCase struct {
	// File is the page's path, relative to the benchmark's directory.
	File string `json:"file"`
	// URL is where the page was taken from, when known.
	URL     string   `json:"url,omitempty"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

// ExtractScores counts, over the pages scored, the expected strings found
// in the main text (true positives) and missed (false negatives), and the
// unwanted strings found (false positives) and absent (true negatives).
type ExtractScores struct {
	Pages int `json:"pages"`
	TP    int `json:"true_positives"`
	FN    int `json:"false_negatives"`
	FP    int `json:"false_positives"`
	TN    int `json:"true_negatives"`
}

// Add scores the main text extracted from one page. An expected or unwanted
// string counts as found when the text contains it exactly.
func (s *ExtractScores) Add(c ExtractCase, text string) {
	s.Pages++
	for _, w := range c.With {
		if strings.Contains(text, w) {
			s.TP++
		} else {
			s.FN++
		}
	}
	for _, w := range c.Without {
		if strings.Contains(text, w) {
			s.FP++
		} else {
			s.TN++
		}
	}
}

// Precision is the share of the strings found that were expected; 0 when
// none was found.
func (s ExtractScores) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is the share of the expected strings that were found.
func (s ExtractScores) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s ExtractScores) F1() float64 { return f1(s.Precision(), s.Recall()) }

// Accuracy is the share of all strings, expected or unwanted, judged
// rightly.
func (s ExtractScores) Accuracy() float64 { return ratio(s.TP+s.TN, s.TP+s.TN+s.FP+s.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
