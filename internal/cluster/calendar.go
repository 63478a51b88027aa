package cluster

import "strconv"

func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	return number(s, 1900, 2100)
}

func number(s string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, false
	}
	return n, true
}
