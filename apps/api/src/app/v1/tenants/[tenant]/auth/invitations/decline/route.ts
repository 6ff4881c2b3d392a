import { invitationDeclinedResponseSchema } from "@plinto/contracts";
import { declineInvitation } from "../../../../../../../services/organizations/invitations";
import { invitationAnswerRoute } from "../_answer";

export const dynamic = "force-dynamic";

/** Declines an invitation to the signed-in user's own confirmed address: nobody joins. */
export const POST = invitationAnswerRoute(declineInvitation, invitationDeclinedResponseSchema);
