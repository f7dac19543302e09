//! Spanish text of the generator (written for this project).

use super::lexicon::Lang;
use super::pack::{Headings, Labels, Pack};

/// The Spanish pack.
pub(crate) const ES: Pack = Pack {
    code: "es",
    lang: Lang::Es,
    slot: 2,
    nouns: "programa:m proyecto:m país:m:países oficina:f equipo:m personal:m apoyo:m desarrollo:m \
        gestión:f implementación:f capacidad:f socio:m gobierno:m comunidad:f estrategia:f política:f \
        informe:m dato:m actividad:f plan:m servicio:m sistema:m recurso:m proceso:m resultado:m \
        nivel:m información:f análisis:m:análisis respuesta:f coordinación:f trabajo:m conocimiento:m \
        necesidad:f presupuesto:m calidad:f unidad:f región:f asistencia:f operación:f marco:m actor:m \
        iniciativa:f mecanismo:m norma:f directriz:f procedimiento:m acuerdo:m contrato:m donante:m \
        reunión:f taller:m capacitación:f examen:m:exámenes evaluación:f enfoque:m sector:m terreno:m \
        red:f plataforma:f herramienta:f documento:m propuesta:f solicitud:f expediente:m cuestión:f \
        riesgo:m oportunidad:f desafío:m prioridad:f objetivo:m meta:f indicador:m impacto:m \
        progreso:m desempeño:m práctica:f experiencia:f pericia:f competencia:f organización:f \
        agencia:f institución:f ministerio:m autoridad:f departamento:m división:f sección:f sede:f \
        misión:f alianza:f colaboración:f diálogo:m asesoramiento:m orientación:f contribución:f \
        esfuerzo:m acción:f medida:f intervención:f solución:f recomendación:f decisión:f mandato:m \
        función:f responsabilidad:f tarea:f calendario:m plazo:m etapa:f producto:m material:m \
        suministro:m bien:m vehículo:m instalación:f infraestructura:f sitio:m población:f hogar:m \
        familia:f niño:m mujer:f joven:m:jóvenes refugiado:m migrante:m beneficiario:m cliente:m \
        usuario:m miembro:m experto:m especialista:m consultor:m colega:m supervisor:m responsable:m \
        representante:m contraparte:f grupo:m comité:m foro:m conferencia:f evento:m campaña:f \
        mensaje:m público:m medio:m contenido:m publicación:f sitio_web:m:sitios_web \
        base_de_datos:f:bases_de_datos tablero:m aplicación:f encuesta:f estudio:m investigación:f \
        evidencia:f hallazgo:m lección:f tendencia:f brecha:f limitación:f preocupación:f queja:f \
        retroalimentación:f correspondencia:f carta:f nota:f resumen:m:resúmenes presentación:f \
        agenda:f factura:f pago:m transacción:f cuenta:f gasto:m costo:m fondo:m subvención:f \
        asignación:f ingreso:m precio:m valor:m mercado:m empresa:f proveedor:m envío:m entrega:f \
        distribución:f almacén:m:almacenes existencia:f inventario:m pedido:m compra:f licitación:f \
        especificación:f requisito:m criterio:m selección:f contratación:f candidato:m puesto:m \
        nombramiento:m prestación:f salario:m licencia:f viaje:m visita:f seguridad:f salud:f \
        bienestar:m medio_ambiente:m:medios_ambientes clima:m emergencia:f crisis:f:crisis conflicto:m \
        desastre:m recuperación:f resiliencia:f paz:f justicia:f derecho:m protección:f inclusión:f \
        diversidad:f equidad:f género:m discapacidad:f idioma:m cultura:f contexto:m situación:f \
        condición:f sostenibilidad:f transparencia:f integridad:f eficacia:f eficiencia:f \
        cumplimiento:m supervisión:f auditoría:f control:m seguimiento:m tutoría:f aprendizaje:m \
        innovación:f tecnología:f transformación:f reforma:f cambio:m transición:f crecimiento:m \
        inversión:f economía:f comercio:m empleo:m alimento:m energía:f agricultura:f escuela:f \
        docente:m estudiante:m hospital:m clínica:f vacuna:f medicamento:m enfermedad:f brote:m \
        paciente:m laboratorio:m muestra:f plantilla:f cuestionario:m cartera:f logística:f flota:f \
        inspección:f certificación:f registro:m inscripción:f albergue:m campamento:m frontera:f \
        corredor:m distrito:m provincia:f municipio:m comunidad_rural:f:comunidades_rurales barrio:m",
    verbs: "apoyar garantizar asegurar proporcionar elaborar coordinar gestionar preparar implementar \
        supervisar facilitar fortalecer identificar establecer realizar organizar participar analizar \
        redactar recopilar dirigir asesorar diseñar compilar actualizar consolidar verificar validar \
        responder movilizar negociar representar comunicar documentar planificar presentar mejorar \
        ampliar integrar alinear adaptar aplicar alcanzar orientar capacitar formar acompañar contratar \
        seleccionar almacenar transportar entregar instalar operar reparar difundir compartir publicar \
        traducir registrar conciliar asignar autorizar certificar auditar controlar inspeccionar \
        investigar mitigar reducir proteger abogar informar consultar convocar acoger programar \
        tramitar priorizar simplificar armonizar institucionalizar financiar generar producir estimar \
        calcular formular definir explicar aclarar solicitar recibir aceptar fomentar permitir \
        involucrar focalizar finalizar lanzar iniciar completar impulsar liderar velar asistir \
        promocionar sistematizar visibilizar articular monitorear brindar ejecutar revisar",
    adjectives: "pertinente técnico nacional internacional regional local estratégico eficaz operativo \
        administrativo financiero nuevo actual oportuno apropiado global humanitario social económico \
        público privado político sostenible específico adicional diverso sustantivo integral exacto \
        eficiente interno externo principal exitoso integrado innovador:innovadora práctico \
        profesional institucional jurídico ambiental programático complejo crítico esencial necesario \
        posible disponible responsable transparente inclusivo participativo anual mensual trimestral \
        semanal diario periódico regular puntual interino final preliminar conjunto colaborativo \
        multisectorial transversal temático sectorial geográfico remoto rural urbano vulnerable \
        marginado afectado desplazado emergente existente potencial claro conciso fiable robusto \
        flexible rápido urgente significativo amplio diversificado multicultural digital analítico \
        estadístico médico clínico educativo nutricional logístico contractual presupuestario fiscal \
        humano cualificado competente moderno sólido",
    months: [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre",
    ],
    month_words: ("mes", "meses"),
    renewable: ", renovable",
    labels: Labels {
        vacancy_number: "Número de vacante",
        grade: "Grado",
        duty_station: "Lugar de destino",
        contract: "Tipo de contrato",
        duration: "Duración del contrato",
        published: "Fecha de publicación",
        deadline: "Fecha de cierre",
    },
    headings: Headings {
        background: "Antecedentes",
        duties: "Funciones y responsabilidades",
        qualifications: "Calificaciones y experiencia",
        education: "Educación",
        experience: "Experiencia",
        languages: "Idiomas",
        competencies: "Competencias",
        apply: "Cómo postular",
    },
    titles: [
        &["Oficial Asociado/a de {D}", "Oficial de {D}", "Oficial Adjunto/a de {D}"],
        &["Oficial de {D}", "Especialista en {D}", "Oficial de Programa – {D}", "Coordinador/a de {D}"],
        &["Especialista Superior en {D}", "Jefe/a de {D}", "Asesor/a Superior en {D}"],
        &["Director/a de {D}", "Director/a Adjunto/a de {D}", "Director/a Regional de {D}"],
        &["Asistente de {D}", "Asistente Administrativo/a – {D}", "Auxiliar de {D}"],
        &["Asistente Superior de {D}", "Asociado/a de Programa – {D}"],
        &["Oficial Nacional de {D}", "Analista de {D}", "Oficial Nacional de Programa – {D}"],
        &["Consultor/a en {D}", "Consultor/a internacional – {D}", "Consultor/a nacional – {D}"],
        &["Pasante de {D}", "Pasantía en {D}", "Pasante – {D}"],
    ],
    intro: &[
        "{org} está presente en {country} desde {year} y trabaja con {lesa} para {v} {lesa} en materia de {p} y {p}.",
        "La unidad de {D} de la oficina de {org} en {city} se encarga de {v} {lesa} en estrecha coordinación con {lesa}.",
        "En {country}, {lesa} {vp} {les} y {les}, y la demanda de {p} sigue siendo elevada.",
        "La oficina {vs} {lesa} y {vs} {desa} con las autoridades nacionales, la sociedad civil y otros socios.",
        "En el marco del programa de país, el equipo {vs} {desa} relacionados con {d}.",
        "El puesto tiene sede en {city} y {vs} {lea} {du} en toda la región.",
        "La persona seleccionada formará parte de un equipo que {vs} {lesa} y {les} para {lesa} en {country}.",
        "En los próximos {k} años, {org} prevé {v} su labor en materia de {d}, con énfasis en {lesa}.",
        "{Lea} {vs} {lea} y debe {v} {lesa} de conformidad con {lea}.",
        "Estudios recientes muestran que {lesa} {vp} {lesa} cuando {les} se {vp} a tiempo.",
        "El puesto {vs} {lea} de la sección de {D} y mantiene estrechos vínculos con los colegas de {p}.",
        "Con presencia en {k} oficinas sobre el terreno, el equipo {vs} {lesa} y {les} en materia de {p}.",
        "Desde {year}, la demanda de {d} ha crecido y {org} ha {ved} {lesa} para {v} {lesa}.",
        "El programa {vs} {lesa} en {k} provincias y {vs} {les} con {lesa}.",
    ],
    duties_lead: &[
        "Bajo la supervisión general del/de la Jefe/a de Oficina y la supervisión directa del/de la Coordinador/a de {D}, la persona titular desempeñará las siguientes funciones:",
        "Bajo la autoridad del/de la Representante, el/la {title} será responsable de lo siguiente:",
        "Dentro de la autoridad delegada, la persona titular deberá:",
        "La persona seleccionada realizará las siguientes tareas:",
    ],
    duties: &[
        "{V} la ejecución de las actividades de {d}, incluidos {lesa} y {les}.",
        "{V} y {v} {lesa} en materia de {d}, de conformidad con {lea}.",
        "{V} {lesa} con {les}, {les} y otros actores.",
        "Contribuir a la preparación {desa} y {des} sobre {p}.",
        "Brindar asesoramiento en materia de {d} a {les} y {les}.",
        "{V} la presentación oportuna {desa} y {des}.",
        "Mantener actualizados {lesa} y velar por que {les} se {vp} correctamente.",
        "Apoyar {lea} {desa} relacionados con {p}.",
        "Participar en {lesa} y {les}, y {v} {lesa} sobre {d}.",
        "Dar seguimiento a {les} y {les}, identificar {lesa} y proponer {lesa}.",
        "Mantener el enlace con {les} y {les} en cuestiones de {p}.",
        "Redactar {lesa}, {les} y {les} para revisión de la persona supervisora.",
        "Organizar {lesa} y {les} en {city} y sobre el terreno.",
        "Velar por el cumplimiento {desa} de {org} en materia de {d}.",
        "{V} {lesa} con el fin de {v} {lesa} y {v} {lesa}.",
        "Preparar informes sobre {d} y {p} dirigidos a {les}.",
        "Realizar otras tareas que se le asignen.",
    ],
    education: [
        "Título universitario superior (maestría o equivalente) en {deg}. Se podrá aceptar un título universitario de primer nivel combinado con {k} años adicionales de experiencia pertinente en lugar del título superior.",
        "Se requiere título universitario en {deg}. Una formación de posgrado en {d0} es una ventaja.",
        "Se requiere educación secundaria completa. Un título universitario o certificado técnico en {deg} es una ventaja.",
        "Estar matriculado/a en un programa de posgrado en {deg}, o haberlo completado recientemente.",
    ],
    experience: &[
        "Se requiere un mínimo de {yrs} años de experiencia profesional progresiva en {d0}, {p} o un ámbito afín.",
        "Es deseable experiencia en {d} y {p} en un entorno {a}.",
        "Una experiencia comprobada en {lesa} y {les} es una ventaja.",
        "Es deseable experiencia de trabajo con {les}, {les} y {lesa} en {country} o en la región.",
        "El conocimiento de {p} y {p} sería una ventaja.",
        "Se valorará experiencia en {p}.",
        "Es deseable familiaridad con {lesa} y {les}.",
    ],
    languages: &[
        "Se requiere dominio del español. Es deseable el conocimiento del {ol}.",
        "Excelente dominio del español escrito y hablado; el conocimiento práctico del {ol} es una ventaja.",
        "Se requiere dominio del español y del {ol}.",
    ],
    other_languages: &["inglés", "francés", "portugués", "inglés", "inglés"],
    competencies: &[
        "Integridad", "Profesionalismo", "Comunicación", "Trabajo en equipo", "Planificación y organización",
        "Rendición de cuentas", "Orientación al cliente", "Compromiso con el aprendizaje continuo",
        "Conciencia tecnológica", "Creatividad", "Respeto por la diversidad", "Liderazgo",
        "Juicio y toma de decisiones",
    ],
    competency_text: &[
        "{C}: demuestra rigor al {v} {lesa}; {vs} {lesa} y {vs} {les}.",
        "{C}: es capaz de {v} {lesa} y de {v} {lesa} bajo presión.",
        "{C}: {vs} {lesa} y asume la responsabilidad {desa}.",
        "{C}: sabe {v} {les} con {les} y {les}.",
        "{C}: trabaja con {lesa} para {v} {lesa} y {vs} {lesa} en materia de {p}.",
    ],
    closing: &[
        "{org} está comprometido con la diversidad y la inclusión en su fuerza laboral y alienta a postularse a todas las personas candidatas, sin distinción de género, nacionalidad, religión u origen étnico, incluidas las personas con discapacidad.",
        "Solo se contactará a las personas preseleccionadas. No se considerarán las solicitudes recibidas después de la fecha de cierre.",
        "{org} no cobra ninguna tarifa en ninguna etapa del proceso de contratación.",
        "Es posible que se pida a las personas candidatas realizar una prueba escrita y una entrevista basada en competencias.",
        "La remuneración comprende {una} y {lesa}, de conformidad con {lea}.",
        "Los nombramientos están sujetos a {lea} y a la disponibilidad {des}.",
    ],
};
