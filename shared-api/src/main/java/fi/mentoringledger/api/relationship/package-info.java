/**
 * The language both sides speak about a mentoring relationship: its commands (imperative),
 * its events (past-tense facts, stored for years and read back by their class names) and the
 * value types they share. Nothing here may depend on Spring, JPA or Jackson.
 */
package fi.mentoringledger.api.relationship;
