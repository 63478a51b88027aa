// Package eval measures Parallax against gold data: ROUGE for summaries,
// B-cubed and pairwise scores for story clustering, and trafilatura's
// expected/unwanted strings for main-text extraction.
package eval
