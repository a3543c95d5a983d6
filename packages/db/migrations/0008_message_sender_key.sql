ALTER TABLE "messages" DROP CONSTRAINT "messages_sender_visitor_id_visitors_id_fk";
