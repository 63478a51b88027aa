package brief

import "github.com/parallax-news/parallax/internal/analysis/summary"

// DefaultWords is the word budget of a summary when none is given: the one
// default of every command and server, summary's.
const DefaultWords = summary.DefaultWords
