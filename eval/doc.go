// Package eval measures Parallax against gold data: ROUGE for summaries,
// B-cubed and pairwise scores for story clustering.
package eval
