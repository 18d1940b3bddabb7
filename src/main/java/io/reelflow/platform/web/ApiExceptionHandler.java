package io.reelflow.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal of the REST API is RFC 9457 problem+json; field errors are listed under
 * {@code errors} as {@code {field, reason}}. Bad input is never a 500.
 */
@RestControllerAdvice(basePackages = "io.reelflow")
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE) // before Boot's own problem-details handler
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage(), e.problems());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> beanValidation(MethodArgumentNotValidException e) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(fe -> problems.add(new FieldProblem(fe.getField(), fe.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors().forEach(ge -> problems.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        problems.sort(Comparator.comparing(FieldProblem::field));
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(problems), problems);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> parameterValidation(HandlerMethodValidationException e) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                problems.add(new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(problems), problems);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(problems), problems);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) return tooLarge(tooLarge);
            // broken JSON is a body problem even when Jackson reports it while binding a field
            if (t instanceof JsonParseException p && !(cause instanceof MismatchedInputException m && m.getCause() == null)) {
                cause = p;
                break;
            }
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return field(path(u), "unknown field");
        }
        if (cause instanceof InvalidFormatException f) {
            String target = f.getTargetType() == null ? "value" : describe(f.getTargetType());
            return field(path(f), "'" + f.getValue() + "' is not a valid " + target);
        }
        if (cause instanceof ValueInstantiationException v) {
            String reason = v.getCause() != null && v.getCause().getMessage() != null ? v.getCause().getMessage() : "invalid value";
            return field(path(v), reason);
        }
        if (cause instanceof MismatchedInputException m) {
            String target = m.getTargetType() == null ? "a different type" : describe(m.getTargetType());
            return field(path(m), "expected " + target);
        }
        if (cause instanceof StreamConstraintsException s) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", s.getOriginalMessage(), List.of(new FieldProblem("body", s.getOriginalMessage())));
        }
        if (cause instanceof JsonParseException p) {
            String where = p.getLocation() == null ? "" : " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not valid JSON" + where + ": " + p.getOriginalMessage(),
                    List.of(new FieldProblem("body", "not valid JSON" + where)));
        }
        if (cause instanceof JsonMappingException m) {
            return field(path(m), m.getOriginalMessage());
        }
        if (cause instanceof JsonProcessingException p) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", p.getOriginalMessage(), List.of(new FieldProblem("body", p.getOriginalMessage())));
        }
        return problem(HttpStatus.BAD_REQUEST, "Unreadable request", "the request body is missing or unreadable",
                List.of(new FieldProblem("body", "missing or unreadable")));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", e.getMessage(), List.of(new FieldProblem("body", e.getMessage())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return field(e.getParameterName(), "required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String target = e.getRequiredType() == null ? "value" : describe(e.getRequiredType());
        return field(e.getName(), "'" + e.getValue() + "' is not a valid " + target);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Content-Type " + e.getContentType() + " is not accepted here; supported: " + e.getSupportedMediaTypes(), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", e.getMessage(), List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), e.problems());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "no such endpoint: /" + e.getResourcePath(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), e.differences());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof org.springframework.security.access.AccessDeniedException denied) throw denied;
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "an unexpected error occurred; it has been logged", List.of());
    }

    private ResponseEntity<ProblemDetail> field(String field, String reason) {
        List<FieldProblem> problems = List.of(new FieldProblem(field, reason));
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(problems), problems);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String title, String detail, List<FieldProblem> problems) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title);
        pd.setType(URI.create("https://reelflow.io/problems/" + title.toLowerCase().replace(' ', '-')));
        if (!problems.isEmpty()) pd.setProperty("errors", problems);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

    private static String summary(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.reason()).reduce((a, b) -> a + "; " + b).orElse("invalid input");
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return type.getSimpleName() + " (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "BigDecimal", "Double", "double", "Float" -> "number";
            case "Long", "long", "Integer", "int" -> "integer";
            case "Boolean", "boolean" -> "boolean (true or false)";
            case "String" -> "string";
            case "List", "Set", "ArrayList" -> "array";
            default -> type.getSimpleName();
        };
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
