import { invitationAcceptedResponseSchema } from "@plinto/contracts";
import { acceptInvitation } from "../../../../../../../services/organizations/invitations";
import { invitationAnswerRoute } from "../_answer";

export const dynamic = "force-dynamic";

/** Accepts an invitation to the signed-in user's own confirmed address: they join with its role. */
export const POST = invitationAnswerRoute(acceptInvitation, invitationAcceptedResponseSchema);
