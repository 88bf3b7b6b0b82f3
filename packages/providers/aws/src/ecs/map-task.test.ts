import { describe, expect, it } from 'vitest';
import { mapTask } from './map-task';

const CLUSTER = 'arn:aws:ecs:us-east-1:111122223333:cluster/prod-web';
const TASK = 'arn:aws:ecs:us-east-1:111122223333:task/prod-web/0a1b2c3d4e5f';

describe('mapTask', () => {
  it('names the cluster it was described in when the task omits its clusterArn', () => {
    const task = mapTask('111122223333', 'us-east-1', { taskArn: TASK }, CLUSTER);
    expect(task?.id).toBe('prod-web/0a1b2c3d4e5f');
    expect(task?.attributes['clusterName']).toBe('prod-web');
  });

  it('keeps the task’s own clusterArn when it has one', () => {
    const task = mapTask(
      '111122223333',
      'us-east-1',
      { taskArn: TASK, clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/batch' },
      CLUSTER,
    );
    expect(task?.id).toBe('batch/0a1b2c3d4e5f');
  });

  it('maps nothing for a task without an ARN', () => {
    expect(mapTask('111122223333', 'us-east-1', {}, CLUSTER)).toBeNull();
  });
});
