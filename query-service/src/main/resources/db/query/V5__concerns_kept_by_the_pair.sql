-- Security review item 11, DOMAIN.md "Confidentiality": a concern the pair keeps to itself is
-- theirs; organisers see neither it nor its count, and it does not put the relationship on the
-- needs-attention list. The summary counts open concerns twice: all of them, which the pair reads,
-- and those addressed to the organiser, which everyone else reads.
ALTER TABLE relationship_summary ADD COLUMN open_organiser_concerns INTEGER NOT NULL DEFAULT 0;

-- Rows projected before this migration cannot tell the two kinds apart: until a replay of
-- relationship-summary rebuilds them, every open concern stays visible, as it was.
UPDATE relationship_summary SET open_organiser_concerns = open_concerns;

-- Which concern was addressed to the organiser, so that resolving it lowers the right count.
CREATE TABLE relationship_concern (
    generation          INTEGER      NOT NULL,
    relationship_id     VARCHAR(255) NOT NULL,
    concern_id          VARCHAR(255) NOT NULL,
    organiser_contacted BOOLEAN      NOT NULL,
    resolved            BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (generation, relationship_id, concern_id)
);
