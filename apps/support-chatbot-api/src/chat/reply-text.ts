import type { HandoffReason, Suggestion } from '../understanding/understanding.service';

/** What the bot says when it does not answer, by reason. */
export function handoffText(reason: HandoffReason | 'customer_request' | 'gateway_down'): string {
  switch (reason) {
    case 'out_of_scope':
      return "That's outside what I can help with here, so I've passed your conversation to our support team. An agent will reply in this chat shortly.";
    case 'no_article':
      return "I understood your question, but I don't have an answer for it yet. I've passed your conversation to our support team; an agent will reply in this chat shortly.";
    case 'customer_request':
      return "Of course. I've passed your conversation to our support team; an agent will reply in this chat shortly.";
    case 'ambiguous':
      return "I'm still not sure which topic you mean, so I've asked a member of our support team to help. An agent will reply in this chat shortly.";
    case 'gateway_down':
      return "Sorry, our assistant is briefly unavailable. Your message is saved and will be answered as soon as it's back.";
    default:
      return "I'm not sure I understood that correctly, so I've passed your conversation to our support team. An agent will reply in this chat shortly.";
  }
}

/** The clarifying question: the two closest topics, by their article titles. */
export function clarifyText(suggestions: Suggestion[]): string {
  const titles = suggestions.map((s) => `“${s.title}”`);
  return `I want to make sure I answer the right question. Is it about ${titles.join(' or ')}? Pick one below, or rephrase your question.`;
}
