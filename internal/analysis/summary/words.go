package summary

// DefaultWords is the word budget of a summary when none is given: the one
// default of every command, server and stage (brief.DefaultWords is this
// number).
const DefaultWords = 120
