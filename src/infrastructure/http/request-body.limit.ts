/**
 * The largest request body the API reads. Commands are small (a long note is 20,000 characters); a larger body
 * is a mistake or an attack, and is refused (413) before it is parsed or buffered further.
 */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;
