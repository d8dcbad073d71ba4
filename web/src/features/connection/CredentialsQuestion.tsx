import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";

const list = (servers: string[]) => servers.join(", ");

/**
 * Asked before the page connects anywhere the token or credentials were not given for (a ?server=
 * link, a typed URL). Until it is answered nothing is sent there, and the new server is not saved.
 */
export function CredentialsQuestion() {
  const { question, answer } = useAppStore(useShallow((s) => ({ question: s.credentialsQuestion, answer: s.answerCredentialsQuestion })));
  if (!question) return null;
  const what = question.what === "token" ? "token" : "credentials file";
  const to = list(question.servers);
  const from = list(question.boundTo);
  return (
    <div className="question" role="alertdialog" aria-labelledby="cq-title" aria-describedby="cq-why" data-testid="credentials-question">
      <p id="cq-title">
        <strong>
          Send your {what} to {to}?
        </strong>
      </p>
      <p id="cq-why">
        Your {what} was given for <code>{from}</code>, but this page now points at <code>{to}</code> (a link or a typed address). A server
        you did not get it for could keep a token, or log in as you with the signature a credentials file makes: nothing has been sent to
        it, and it is not saved.
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void answer("back")}>
          Back to {from}
        </button>
        <button type="button" onClick={() => void answer("without")}>
          Connect to {to} without it
        </button>
        <button type="button" onClick={() => void answer("send")}>
          Send it to {to}
        </button>
      </div>
    </div>
  );
}

/** On the other pages: a pointer to the question, which lives on the connection page. */
export function CredentialsQuestionBanner() {
  const asked = useAppStore((s) => s.credentialsQuestion !== null);
  if (!asked) return null;
  return (
    <p className="banner" role="status">
      This page points at a server your token or credentials were not given for, so it has not connected.{" "}
      <a href="#/connection">Choose what to do</a>.
    </p>
  );
}
