-- The queue sends the messages of one conversation (one certificate) to a partner in order: a claim
-- looks for an earlier undelivered transmission of the same conversation.
CREATE INDEX ix_transmission_conversation ON transmission (conversation_id, partner_id, created_at);
