package org.openwd.escalation.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import org.openwd.common.web.FieldProblem;

/**
 * Checks an uploaded escalation model before anything is deployed: Camunda's own parser (its messages, with line and
 * element), then OpenWD's rules: only actions of the {@link ActionCatalogue} by delegate expression (no classes,
 * scripts, external tasks or listeners, so a model cannot run arbitrary code), exactly one executable process with a
 * plain start event (instances are started by the platform) and an interrupting event sub-process that starts on the
 * message {@code openwd.task.closed} (how the platform ends an instance when its task closes).
 */
final class ModelValidator {

	private static final Pattern DELEGATE = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}$");

	private ModelValidator() {
	}

	/** Every problem of the model, each naming the element (or {@code (body)} with line and column); empty = valid. */
	static List<FieldProblem> validate(ProcessEngineConfigurationImpl engine, byte[] xml, String resourceName) {
		List<FieldProblem> problems = new ArrayList<>();
		if (xml == null || xml.length == 0) {
			problems.add(new FieldProblem("(body)", "is empty: send the BPMN 2.0 XML of the model"));
			return problems;
		}
		problems.addAll(camundaParse(engine, xml, resourceName));
		if (!problems.isEmpty()) {
			return problems;
		}
		BpmnModelInstance model;
		try {
			model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
		}
		catch (RuntimeException ex) {
			problems.add(new FieldProblem("(body)", "is not a BPMN 2.0 model: " + ex.getMessage()));
			return problems;
		}
		checkActions(model, problems);
		checkCorrelation(model, problems);
		return problems;
	}

	private static List<FieldProblem> camundaParse(ProcessEngineConfigurationImpl engine, byte[] xml, String resourceName) {
		BpmnParser parser = engine.getDeployers().stream().filter(BpmnDeployer.class::isInstance).map(BpmnDeployer.class::cast)
			.findFirst().orElseThrow(() -> new IllegalStateException("The engine has no BPMN deployer")).getBpmnParser();
		List<FieldProblem> problems = new ArrayList<>();
		try {
			engine.getCommandExecutorTxRequired().execute(commandContext -> {
				DeploymentEntity deployment = new DeploymentEntity();
				deployment.setName("validation");
				parser.createParse().sourceInputStream(new ByteArrayInputStream(xml)).deployment(deployment).name(resourceName)
					.execute();
				return null;
			});
		}
		catch (ParseException ex) {
			for (ResourceReport report : ex.getResorceReports()) {
				for (Problem problem : report.getErrors()) {
					String element = problem.getMainElementId() != null ? problem.getMainElementId()
							: problem.getElementIds() == null || problem.getElementIds().isEmpty() ? null
									: problem.getElementIds().get(0);
					problems.add(new FieldProblem(element != null ? element : "(body)",
							problem.getMessage() + " (line " + problem.getLine() + ", column " + problem.getColumn() + ")"));
				}
			}
			if (problems.isEmpty()) {
				problems.add(new FieldProblem("(body)", ex.getMessage()));
			}
		}
		catch (RuntimeException ex) {
			problems.add(new FieldProblem("(body)", String.valueOf(ex.getMessage())));
		}
		return problems;
	}

	private static void checkActions(BpmnModelInstance model, List<FieldProblem> problems) {
		String known = String.join(", ", ActionCatalogue.names());
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			checkDelegate(task, task.getCamundaDelegateExpression(), task.getCamundaClass(), task.getCamundaExpression(),
					task.getCamundaType(), known, problems);
		}
		for (SendTask task : model.getModelElementsByType(SendTask.class)) {
			checkDelegate(task, task.getCamundaDelegateExpression(), task.getCamundaClass(), task.getCamundaExpression(),
					task.getCamundaType(), known, problems);
		}
		for (ScriptTask task : model.getModelElementsByType(ScriptTask.class)) {
			problems.add(new FieldProblem(task.getId(), "script tasks are not allowed in escalation models; use a service task "
					+ "with one of the OpenWD actions: " + known));
		}
		for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
			problems.add(new FieldProblem(task.getId(), "business rule tasks are not supported in escalation models; use a "
					+ "gateway on process variables or a service task with one of the OpenWD actions: " + known));
		}
		for (Class<? extends ModelElementInstance> listener : List.of(CamundaExecutionListener.class, CamundaTaskListener.class)) {
			for (ModelElementInstance element : model.getModelElementsByType(listener)) {
				problems.add(new FieldProblem(owner(element), "listeners are not allowed in escalation models (they run code); "
						+ "use a service task with one of the OpenWD actions: " + known));
			}
		}
	}

	private static void checkDelegate(BaseElement task, String delegateExpression, String className, String expression,
			String type, String known, List<FieldProblem> problems) {
		if (className != null || expression != null || type != null) {
			problems.add(new FieldProblem(task.getId() + ".implementation", "only OpenWD actions may be called, as "
					+ "camunda:delegateExpression=\"${action}\" (not camunda:class, camunda:expression or camunda:type); "
					+ "known actions: " + known));
			return;
		}
		if (delegateExpression == null) {
			problems.add(new FieldProblem(task.getId() + ".delegateExpression", "is missing: name one of the OpenWD actions as "
					+ "${action}; known actions: " + known));
			return;
		}
		Matcher matcher = DELEGATE.matcher(delegateExpression.trim());
		if (!matcher.matches() || ActionCatalogue.find(matcher.group(1)).isEmpty()) {
			problems.add(new FieldProblem(task.getId() + ".delegateExpression", "unknown action " + delegateExpression
					+ "; known actions: " + known));
		}
	}

	private static void checkCorrelation(BpmnModelInstance model, List<FieldProblem> problems) {
		List<Process> executable = model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
		if (executable.size() != 1) {
			problems.add(new FieldProblem("(process)", "a model must contain exactly one executable process, found "
					+ executable.size()));
			return;
		}
		Process process = executable.get(0);
		boolean plainStart = children(process.getFlowElements(), StartEvent.class).stream()
			.anyMatch(start -> start.getEventDefinitions().isEmpty());
		if (!plainStart) {
			problems.add(new FieldProblem(process.getId() + ".startEvent", "the process needs a plain (none) start event: "
					+ "the platform starts each instance when its task is queued"));
		}
		boolean closes = children(process.getFlowElements(), SubProcess.class).stream()
			.filter(SubProcess::triggeredByEvent)
			.flatMap(sub -> children(sub.getFlowElements(), StartEvent.class).stream())
			.filter(StartEvent::isInterrupting)
			.flatMap(start -> start.getEventDefinitions().stream())
			.filter(MessageEventDefinition.class::isInstance)
			.map(MessageEventDefinition.class::cast)
			.anyMatch(def -> def.getMessage() != null && EscalationStarter.CLOSED_MESSAGE.equals(def.getMessage().getName()));
		if (!closes) {
			problems.add(new FieldProblem(process.getId() + ".taskClosed", "the process needs an interrupting event "
					+ "sub-process started by the message '" + EscalationStarter.CLOSED_MESSAGE + "': the platform sends it "
					+ "when the task is completed, canceled or rejected"));
		}
	}

	private static <T> List<T> children(Collection<?> elements, Class<T> type) {
		return elements.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static String owner(ModelElementInstance element) {
		ModelElementInstance parent = element.getParentElement();
		while (parent != null && !(parent instanceof BaseElement)) {
			parent = parent.getParentElement();
		}
		return parent instanceof BaseElement base && base.getId() != null ? base.getId() : "(listener)";
	}

}
