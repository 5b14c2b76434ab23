/**
 * "Does this SecSign ID exist?" when an administrator or a user assigns one (issue 28): over REST
 * v2 the ID server answers `SecSignId/{id}?exist`, so a typo is refused at assignment (422
 * `secsign_id_unknown`) instead of failing the first outside sign-in. The form protocol has no
 * such question, and an ID server that does not answer must not block an administrator: then the
 * assignment goes ahead and the answer says the ID was not checked, and why.
 */
import { AppError } from '../../platform/errors.js';
import type { SecSignApiChoice } from '../../secsign/api-choice.js';
import { normalizeSecSignId } from '../../secsign/wire.js';

/** What the caller tells the person about the check. */
export interface SecSignIdCheck {
  checked: boolean;
  message: string;
}

export async function checkAssignedSecSignId(
  api: Pick<SecSignApiChoice, 'secSignIdExists'> | undefined,
  secSignId: string | null | undefined,
): Promise<SecSignIdCheck | undefined> {
  if (!secSignId || normalizeSecSignId(secSignId) === '') return undefined;
  const id = normalizeSecSignId(secSignId);
  if (!api) return { checked: false, message: 'Not checked: no SecSign ID server is configured.' };
  let exists: boolean | null;
  try {
    exists = await api.secSignIdExists(id);
  } catch {
    return {
      checked: false,
      message: `Not checked: the SecSign ID server did not answer. Make sure "${id}" is spelt right.`,
    };
  }
  if (exists === null) {
    return {
      checked: false,
      message:
        'Not checked: the form protocol is in use (no REST API or no PIN account), and it cannot tell whether an ID exists.',
    };
  }
  if (!exists) {
    throw new AppError(
      422,
      'secsign_id_unknown',
      `The SecSign ID server does not know the SecSign ID "${id}". Check the spelling.`,
    );
  }
  return { checked: true, message: `The SecSign ID server knows "${id}".` };
}
