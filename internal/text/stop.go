package text

// IsStop reports whether a lower-case word is a function word that carries
// no topic: articles, pronouns, auxiliaries, common prepositions and the
// reporting verbs of news prose.
func IsStop(lower string) bool {
	_, ok := stopWords[lower]
	return ok
}

// stopWords is a read-only set; it is never written after initialisation.
var stopWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
		"can", "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during",
		"each", "even", "ever", "every", "few", "for", "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't", "having",
		"he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "however",
		"i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let's",
		"may", "me", "might", "more", "most", "much", "must", "mustn't", "my", "myself", "neither", "either", "no", "nor", "not", "now",
		"of", "off", "on", "once", "one", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
		"same", "shall", "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't", "since", "so", "some", "still", "such",
		"than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they",
		"they'd", "they'll", "they're", "they've", "this", "those", "though", "through", "to", "too", "under", "until", "up", "upon",
		"us", "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when",
		"when's", "where", "where's", "whether", "which", "while", "who", "who's", "whom", "whose", "why", "why's", "will", "with",
		"won't", "would", "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours", "yourself", "yourselves",
		"said", "says", "say", "told", "tell", "tells", "according", "mr", "mrs", "ms", "dr", "also", "would", "could", "like",
		"get", "got", "go", "going", "went", "make", "made", "many", "well", "back", "around", "s", "t", "'s", "new", "two", "three",
	} {
		m[w] = struct{}{}
	}
	return m
}()
