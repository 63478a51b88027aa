package brief

// DefaultWords is the word budget of a summary when none is given: the one
// default of every command and server.
const DefaultWords = 120
