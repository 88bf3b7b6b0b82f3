import { Link } from 'react-router';
import type { ServiceTask } from '@ccx/api/contract';
import { StateBadge } from '../../components/StateBadge';
import { Time } from '../../components/Time';
import { resourceHref } from '../resource-href';

const HEALTH_TONE: Record<string, string> = {
  HEALTHY: 'ok',
  UNHEALTHY: 'bad',
};

/**
 * The tasks of an ECS service as the last sync saw them: live ones first, then the stopped
 * ones ECS still keeps, with why they stopped. Task ids, images and reasons are text from
 * the cloud and are only ever rendered as text.
 */
export function TasksPanel({ tasks }: { tasks: readonly ServiceTask[] }) {
  const stopped = tasks.filter((task) => task.state === 'stopped').length;
  return (
    <section className="panel" aria-label="Tasks">
      <h2>Tasks</h2>
      {tasks.length === 0 ? (
        <p className="muted">No tasks in the inventory for this service.</p>
      ) : (
        <>
          <p className="muted" data-testid="tasks-counts">
            {tasks.length - stopped} live · {stopped} stopped
          </p>
          <table className="data-table" aria-label="Tasks">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Status</th>
                <th scope="col">Revision</th>
                <th scope="col">Health</th>
                <th scope="col">Zone · IP</th>
                <th scope="col">Started</th>
                <th scope="col">Stopped</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <TaskRow key={task.uid} task={task} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function TaskRow({ task }: { task: ServiceTask }) {
  return (
    <tr data-testid="task-row" data-state={task.state ?? ''}>
      <td>
        <Link to={resourceHref(task.uid)}>
          <code>{task.id}</code>
        </Link>
      </td>
      <td>
        <StateBadge state={task.state} />
      </td>
      <td>
        {task.taskDefinition ? (
          <code>{task.taskDefinition}</code>
        ) : (
          <span className="muted">—</span>
        )}
        {task.taskDefinition && !task.current ? (
          <span className="badge badge-warn" title="Not the revision the service runs now">
            previous
          </span>
        ) : null}
      </td>
      <td>
        {task.healthStatus ? (
          <span className={`badge badge-${HEALTH_TONE[task.healthStatus] ?? 'neutral'}`}>
            {task.healthStatus.toLowerCase()}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        {task.availabilityZone ?? <span className="muted">—</span>}
        {task.privateIp ? (
          <>
            {' · '}
            <code>{task.privateIp}</code>
          </>
        ) : null}
      </td>
      <td>
        <Time value={task.startedAt} />
      </td>
      <td data-testid="task-stopped">
        <Time value={task.stoppedAt} />
        {task.stopCode ? (
          <>
            {' '}
            <code>{task.stopCode}</code>
          </>
        ) : null}
        {task.stoppedReason ? <div className="muted">{task.stoppedReason}</div> : null}
      </td>
    </tr>
  );
}
