export { DevicesModule, type DevicesModuleOptions } from './devices.module';
export { DevicesEnv, loadDevicesConfig, type DevicesConfig } from './devices.config';
export { devicesProjections } from './devices.projections';
export { workplacesStreamId } from './workplaces/workplace.decider';
