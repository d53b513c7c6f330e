import { ManualClock, SystemClock } from '@kesu/ports';
import { clockFeatures, manualClockFeatures } from './clock.features';

clockFeatures('SystemClock', () => new SystemClock());
clockFeatures('ManualClock', () => new ManualClock());
manualClockFeatures();
