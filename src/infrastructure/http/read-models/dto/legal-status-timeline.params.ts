import { WaitForParam } from './read-model.params';

export class LegalStatusTimelineParams {
  @WaitForParam()
  waitFor?: string;
}
