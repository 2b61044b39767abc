import { LegalStatusRecordDto } from './legal-status.dto';

/** Same fields as a recorded residence status. */
export class ChangeLegalStatusRequest extends LegalStatusRecordDto {}
