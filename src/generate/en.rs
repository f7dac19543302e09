//! English text of the generator (written for this project).

use super::lexicon::Lang;
use super::pack::{Headings, Labels, Pack};

/// The English pack.
pub(crate) const EN: Pack = Pack {
    code: "en",
    lang: Lang::En,
    slot: 0,
    nouns: "programme project country office team staff support development management \
        implementation capacity partner government community strategy policy report data activity \
        plan service system resource process result area level information analysis response \
        coordination work knowledge need budget quality unit region assistance operation framework \
        stakeholder initiative mechanism standard guideline procedure agreement contract donor meeting \
        workshop training review assessment evaluation approach sector field network platform tool \
        document proposal request record issue risk opportunity challenge priority objective target \
        outcome output indicator impact progress performance practice experience expertise skill \
        organization agency institution ministry authority department division section headquarters:headquarters \
        mission partnership collaboration dialogue advice guidance input contribution effort action \
        measure intervention solution recommendation decision mandate role responsibility function task \
        duty schedule deadline timeline milestone deliverable product material equipment supply asset \
        vehicle facility infrastructure site population household family child:children woman:women youth \
        refugee migrant beneficiary client user member expert specialist consultant colleague supervisor \
        manager officer leader representative counterpart focal_point group committee board council \
        forum conference event campaign message audience medium:media content communication publication \
        website database dashboard software application survey study research evidence finding lesson \
        trend gap constraint concern complaint feedback correspondence letter note memo brief summary \
        presentation agenda invoice payment transaction account expenditure cost fund grant allocation \
        revenue income price value market business enterprise company vendor supplier shipment delivery \
        distribution warehouse stock inventory order purchase tender bid specification requirement \
        criterion:criteria eligibility selection recruitment candidate applicant vacancy position post \
        appointment entitlement benefit allowance salary leave travel visit trip ticket security safety \
        health wellbeing environment climate emergency crisis:crises conflict disaster recovery resilience \
        peace justice law right protection inclusion diversity equity gender disability age language \
        culture context situation condition sustainability accountability transparency integrity \
        efficiency effectiveness compliance oversight audit control monitoring supervision coaching \
        mentoring learning innovation technology digitalization transformation reform change transition \
        growth investment finance economy trade employment livelihood food water energy agriculture \
        education school teacher student hospital clinic vaccine medicine disease outbreak patient nurse \
        doctor laboratory sample workplan roster template checklist questionnaire baseline portfolio \
        pipeline procurement logistics fleet inspection certification accreditation registration \
        enrolment attendance caseload referral shelter camp settlement border corridor district province \
        municipality village neighbourhood",
    verbs: "support ensure provide develop coordinate manage prepare implement monitor review contribute \
        maintain facilitate strengthen assist identify promote establish conduct organize participate \
        analyse draft collect liaise oversee:overseen lead:led deliver advise assess evaluate design track \
        compile update consolidate verify validate respond engage mobilize negotiate represent communicate \
        document build:built undertake:undertaken write:written plan:planned:planning submit:submitted:submitting \
        improve enhance expand integrate align adapt apply address achieve measure guide train mentor coach \
        supervise recruit select procure purchase distribute store transport install operate repair test \
        disseminate share publish present translate record register reconcile allocate approve authorize \
        certify audit control:controlled:controlling inspect investigate resolve mitigate prevent reduce \
        protect advocate inform consult convene host attend arrange schedule follow handle process \
        prioritize streamline simplify standardize harmonize institutionalize scale sustain finance fund \
        invest generate produce gather estimate forecast calculate formulate define outline describe \
        explain clarify recommend propose suggest request receive accept reject encourage enable empower \
        involve include reach target serve benefit mainstream interpret visualize map:mapped:mapping \
        survey interview finalize launch initiate complete close",
    adjectives: "relevant technical national international regional local strategic effective operational \
        administrative financial key new current timely appropriate overall global humanitarian social \
        economic public private political sustainable specific additional various substantive \
        comprehensive accurate efficient internal external major main successful integrated innovative \
        practical professional institutional legal environmental programmatic corporate standard multiple \
        complex critical essential necessary possible available responsible accountable transparent \
        inclusive participatory gender-sensitive evidence-based results-oriented cost-effective \
        high-quality long-term short-term medium-term annual monthly quarterly weekly daily periodic \
        regular routine ad-hoc interim final preliminary joint collaborative multisectoral cross-cutting \
        thematic sectoral geographic remote rural urban vulnerable marginalized affected displaced host \
        emerging existing potential clear concise reliable robust flexible rapid urgent significant broad \
        wide diverse multicultural multilingual digital analytical statistical medical clinical \
        educational nutritional logistical contractual budgetary fiscal",
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
    month_words: ("month", "months"),
    renewable: ", renewable",
    labels: Labels {
        vacancy_number: "Vacancy number",
        grade: "Grade",
        duty_station: "Duty Station",
        contract: "Contract type",
        duration: "Duration",
        published: "Publication date",
        deadline: "Deadline for Application",
    },
    headings: Headings {
        background: "Background",
        duties: "Duties and Responsibilities",
        qualifications: "Qualifications and Experience",
        education: "Education",
        experience: "Experience",
        languages: "Languages",
        competencies: "Competencies",
        apply: "How to apply",
    },
    titles: [
        &["Associate {D} Officer", "{D} Officer", "Junior {D} Officer"],
        &["{D} Officer", "{D} Specialist", "Programme Officer ({D})", "{D} Manager"],
        &["Senior {D} Adviser", "Chief, {D}", "Head of {D}", "Senior {D} Specialist"],
        &["Director, {D} Division", "Deputy Director, {D}", "Regional Director for {D}"],
        &["{D} Assistant", "Administrative Assistant ({D})", "{D} Clerk"],
        &["Senior {D} Assistant", "{D} Associate", "Programme Associate ({D})"],
        &["National {D} Officer", "{D} Analyst", "National Programme Officer ({D})"],
        &["Consultant, {D}", "International Consultant – {D}", "National Consultant: {D}", "{D} Consultant"],
        &["Intern, {D}", "{D} Intern", "Internship – {D}"],
    ],
    intro: &[
        "{org} has been present in {country} since {year}, working with {ans} to {v} {ans} and {ns} in the areas of {p} and {p}.",
        "The {D} unit of the {org} office in {city} is responsible for {ving} {lesa} {du} in close coordination with {ans}.",
        "In {country}, {ans} continue to affect {ns} and {ns}, and the demand for {p} remains high.",
        "The office {vs} {lesa} and {vs} {ans} with national authorities, civil society and other partners.",
        "Under the {an} of the country programme, the team {vs} {ns} related to {d} and {p}.",
        "This position is located in {city} and {vs} the {an} of {d} across the region.",
        "The incumbent will be part of a {a} team that {vs} {ans}, {ns} and {ns} for {ns} in {country}.",
        "Over the next {k} years, {org} will {v} its work on {d}, with a focus on {ans} and {p}.",
        "The {an} {vs} {lea} and is expected to {v} {ans} in line with {lea}.",
        "Recent {ns} have shown that {ans} {vp} {ans} when {ns} are {ved} early.",
        "The post {vs} {una} to the {D} section and {vs} close links with {p} and {p} colleagues.",
        "Working across {k} field offices, the team {vs} {ans} and {ns} for {p}.",
        "Demand for {d} has grown since {year}, and {org} has {ved} {ans} to {v} {desa}.",
        "The programme {vs} {ans} in {k} provinces and {vs} {ns} with {ans}.",
    ],
    duties_lead: &[
        "Under the overall supervision of the Head of Office and the direct supervision of the {D} Manager, the incumbent will perform the following duties:",
        "Reporting to the Representative, the {title} will be responsible for the following:",
        "Within delegated authority, the incumbent will:",
        "The successful candidate will carry out the following tasks:",
    ],
    duties: &[
        "{V} the {an} of {d} activities, including {ns} and {ns}.",
        "{V} and {v} {ans} for {d}, in line with {lea}.",
        "{V} {ans} with {ns}, {ns} and other {ns}.",
        "Contribute to the preparation of {ans} and {ns} on {p}.",
        "Provide {a} advice on {d} to {ns} and {ns}.",
        "{V} the timely submission of {ans} and {ns} to {ns}.",
        "Maintain {ans} and ensure that {ns} are {ved} in {ans}.",
        "Support the {an} of {ans} related to {p} and {p}.",
        "Participate in {ans} and {ns}, and {v} {ans} on {d}.",
        "Monitor {ns} and {ns}, identify {ans} and propose {ans}.",
        "Liaise with {ns} and {ns} on {ans} and {p}.",
        "Draft {ans}, {ns} and {ns} for review by the supervisor.",
        "Organize {ans} and {ns} for {ns} in {city} and in the field.",
        "Ensure compliance with {org} {ns} and {ans} on {d}.",
        "{V} {ans} to {v} {ans} and {v} {ans}.",
        "Prepare {a} reports on {d} and {p} for {ns} and {ns}.",
        "Perform other duties as required.",
    ],
    education: [
        "Advanced university degree (Master's or equivalent) in {deg}. A first-level university degree in combination with {k} additional years of qualifying experience may be accepted in lieu of the advanced university degree.",
        "University degree in {deg} is required. A postgraduate qualification in {d0} is an asset.",
        "Completion of secondary education is required. A university degree or technical certificate in {deg} is an advantage.",
        "Be enrolled in, or have recently completed, a graduate programme in {deg}.",
    ],
    experience: &[
        "A minimum of {yrs} years of progressively responsible experience in {d0}, {p} or a related area is required.",
        "Experience in {d} and {p} in a {a} environment is desirable.",
        "Proven experience with {ans} and {ns} is an asset.",
        "Experience working with {ns}, {ns} and {ans} in {country} or the region is desirable.",
        "Knowledge of {p} and {p} would be an advantage.",
        "Familiarity with {ans} and {ns} is desirable.",
    ],
    languages: &[
        "Fluency in English is required. Knowledge of {ol} is desirable.",
        "Excellent written and spoken English is required; working knowledge of {ol} is an asset.",
        "Fluency in English and {ol} is required.",
    ],
    other_languages: &["French", "Spanish", "Arabic", "Portuguese", "Russian", "Chinese", "Swahili"],
    competencies: &[
        "Integrity", "Professionalism", "Communication", "Teamwork", "Planning and Organizing",
        "Accountability", "Client Orientation", "Commitment to Continuous Learning",
        "Technological Awareness", "Creativity", "Respect for Diversity", "Leadership",
        "Judgement and Decision-making",
    ],
    competency_text: &[
        "{C}: Demonstrates {an} in {ving} {ans}; {vs} {ans} and {vs} {ns}.",
        "{C}: Is able to {v} {ans} and to {v} {ans} under pressure.",
        "{C}: {Vs} {ans} and takes responsibility for {ans}.",
        "{C}: Shows {an} when {ving} {ns} with {ns} and {ns}.",
        "{C}: Works with {ans} to {v} {ans} and {vs} {ans} for {p}.",
    ],
    closing: &[
        "{org} is committed to diversity and inclusion within its workforce, and encourages all candidates, irrespective of gender, nationality, religious and ethnic backgrounds, including persons living with disabilities, to apply.",
        "Only shortlisted candidates will be contacted. Applications received after the deadline will not be considered.",
        "{org} does not charge a fee at any stage of the recruitment process.",
        "Candidates may be asked to complete a written assessment and a competency-based interview.",
        "Remuneration consists of {una} and {ans}, in accordance with {ans}.",
        "Appointments are subject to {ans} and to the availability of {ns}.",
    ],
};
