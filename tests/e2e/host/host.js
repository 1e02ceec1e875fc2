// Test instrumentation of the host page: counts the workers the widget starts and
// stops, and records CSP violations, so the test can check cleanup and policy.
window.workerLog = { started: 0, terminated: 0 };
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    window.workerLog.started += 1;
  }
  terminate() {
    window.workerLog.terminated += 1;
    super.terminate();
  }
};
