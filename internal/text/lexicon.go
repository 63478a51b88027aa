package text

import "time"

// The calendar words of English, defined once for every stage. The names
// are the Gregorian calendar's; the abbreviations are the three-letter
// ones of news style, with "sept" (AP style writes "Sept."); "may" has
// none. Words are given in lower case, without a period. The tables are
// read-only.

var months = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March, "april": time.April,
	"may": time.May, "june": time.June, "july": time.July, "august": time.August,
	"september": time.September, "october": time.October, "november": time.November, "december": time.December,
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April, "jun": time.June,
	"jul": time.July, "aug": time.August, "sep": time.September, "sept": time.September, "oct": time.October,
	"nov": time.November, "dec": time.December,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// Month returns the month a lower-case month name or abbreviation names
// ("march", "mar", "sept"), and false for any other word.
func Month(w string) (time.Month, bool) {
	m, ok := months[w]
	return m, ok
}

// IsMonthName reports whether a lower-case word is the full name of a
// month ("march", not "mar").
func IsMonthName(w string) bool {
	_, ok := months[w]
	return ok && (len(w) > 3 && w != "sept" || w == "may")
}

// Weekday returns the day a lower-case weekday name names ("monday"), and
// false for any other word.
func Weekday(w string) (time.Weekday, bool) {
	d, ok := weekdays[w]
	return d, ok
}

// IsCalendarWord reports whether a lower-case word names a month (in full
// or abbreviated) or a day of the week: capitalised, it names no one.
func IsCalendarWord(w string) bool {
	_, m := months[w]
	_, d := weekdays[w]
	return m || d
}

// negators are the words that negate what follows them.
var negators = map[string]bool{"not": true, "never": true, "no": true, "nobody": true, "none": true, "nothing": true, "cannot": true, "neither": true, "nor": true}

// Negator reports whether a lower-case word negates what follows it
// ("not", "never", "nobody"); contractions with "n't" are the caller's to
// read. It is the one list of the stages that read denials (conflict,
// crediting).
func Negator(w string) bool { return negators[w] }
